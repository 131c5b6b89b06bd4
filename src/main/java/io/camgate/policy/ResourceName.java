package io.camgate.policy;

/**
 * The resource a request acts on, as CAM sees it: {@code *} for account-less APIs
 * (GetService, API-level CI calls) or six segments
 * {@code qcs:project:service:region:account:resource} where the resource segment is
 * everything after the fifth colon and may hold {@code :} and {@code /}.
 *
 * <p>The bucket is found once, when the name is made, because every decision looks it up and
 * a decision should not cut strings.
 *
 * @param text     the full string
 * @param service  service segment ({@code cos}, {@code ci}, ...); empty for {@code *}
 * @param region   region segment
 * @param account  account segment ({@code uid/<appid>} or {@code uin/<uin>}); empty for {@code *}
 * @param resource the resource segment, e.g. {@code examplebucket-1250000001/a.txt}
 * @param bucket   the bucket the resource lies in ({@code examplebucket-1250000001}), or null:
 *                 COS resources start with {@code <bucket>/}, CI resources with
 *                 {@code bucket/<bucket>/}
 */
public record ResourceName(String text, String service, String region, String account, String resource,
        String bucket) {
    /** The account-less resource {@code *}. */
    public static final ResourceName ANY = new ResourceName("*", "", "", "", "*");

    /**
     * Checks that {@code bucket} is the one the other parts name.
     *
     * @throws IllegalArgumentException when it is not
     */
    public ResourceName {
        int from = bucketFrom(text, service, resource);
        int to = from < 0 ? -1 : bucketEnd(resource, from);
        boolean named = from >= 0 && to > from;
        if (bucket == null ? named
                : !named || bucket.length() != to - from || !resource.startsWith(bucket, from)) {
            throw new IllegalArgumentException("the bucket of " + text + " is not " + bucket);
        }
    }

    /** A resource from its parts, its bucket read from them. */
    public ResourceName(String text, String service, String region, String account, String resource) {
        this(text, service, region, account, resource, bucketOf(text, service, resource));
    }

    /** Reads a request resource; returns null when it is neither {@code *} nor six segments with a service. */
    public static ResourceName parse(String text) {
        if (text.equals("*")) {
            return ANY;
        }
        String[] head = splitSix(text);
        if (head == null || !head[0].equals("qcs") || head[2].isEmpty() || head[2].contains("*")) {
            return null;
        }
        return new ResourceName(text, head[2], head[3], head[4], head[5]);
    }

    /** True for {@code *}, which names no account. */
    public boolean isAccountless() {
        return this == ANY || text.equals("*");
    }

    /**
     * Splits at the first five colons; the sixth part keeps any further colons.
     * Returns null when there are fewer than five.
     */
    static String[] splitSix(String text) {
        String[] parts = new String[6];
        int from = 0;
        for (int i = 0; i < 5; i++) {
            int colon = text.indexOf(':', from);
            if (colon < 0) {
                return null;
            }
            parts[i] = text.substring(from, colon);
            from = colon + 1;
        }
        parts[5] = text.substring(from);
        return parts;
    }

    private static String bucketOf(String text, String service, String resource) {
        int from = bucketFrom(text, service, resource);
        int to = from < 0 ? -1 : bucketEnd(resource, from);
        return to > from ? resource.substring(from, to) : null;
    }

    /** Where the bucket would start in the resource segment, or -1 when this kind of resource names none. */
    private static int bucketFrom(String text, String service, String resource) {
        if (text.equals("*")) {
            return -1;
        } else if (service.equals("ci")) {
            return resource.startsWith("bucket/") ? "bucket/".length() : -1;
        }
        return service.equals("cos") ? 0 : -1;
    }

    private static int bucketEnd(String resource, int from) {
        int slash = resource.indexOf('/', from);
        return slash < 0 ? resource.length() : slash;
    }
}
