package io.camgate.policy;

/**
 * The resource a request acts on, as CAM sees it: {@code *} for account-less APIs
 * (GetService, API-level CI calls) or six segments
 * {@code qcs:project:service:region:account:resource} where the resource segment is
 * everything after the fifth colon and may hold {@code :} and {@code /}.
 *
 * @param text     the full string
 * @param service  service segment ({@code cos}, {@code ci}, ...); empty for {@code *}
 * @param region   region segment
 * @param account  account segment ({@code uid/<appid>} or {@code uin/<uin>}); empty for {@code *}
 * @param resource the resource segment, e.g. {@code examplebucket-1250000001/a.txt}
 */
public record ResourceName(String text, String service, String region, String account, String resource) {
    /** The account-less resource {@code *}. */
    public static final ResourceName ANY = new ResourceName("*", "", "", "", "*");

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

    /**
     * The bucket this resource lies in ({@code examplebucket-1250000001}), or null. COS
     * resources start with {@code <bucket>/}; CI resources with {@code bucket/<bucket>/}.
     */
    public String bucket() {
        int from = bucketFrom();
        return from < 0 ? null : resource.substring(from, bucketTo());
    }

    /** Where {@link #bucket()} starts in {@link #resource()}, or -1 when the resource names no bucket. */
    public int bucketFrom() {
        if (isAccountless()) {
            return -1;
        }
        int from;
        if (service.equals("ci")) {
            if (!resource.startsWith("bucket/")) {
                return -1;
            }
            from = "bucket/".length();
        } else if (service.equals("cos")) {
            from = 0;
        } else {
            return -1;
        }
        return bucketEnd(from) == from ? -1 : from;
    }

    /** Where {@link #bucket()} ends in {@link #resource()} (exclusive); only when {@link #bucketFrom()} is not -1. */
    public int bucketTo() {
        return bucketEnd(bucketFrom());
    }

    private int bucketEnd(int from) {
        int slash = resource.indexOf('/', from);
        return slash < 0 ? resource.length() : slash;
    }
}
