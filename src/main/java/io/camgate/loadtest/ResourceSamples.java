package io.camgate.loadtest;

import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import io.camgate.policy.Glob;
import io.camgate.policy.ResourceName;
import io.camgate.policy.ResourcePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Request resources drawn from resource patterns: ones a pattern covers (its globs filled in)
 * and ones just outside it (another prefix of the same bucket, or another bucket). Every
 * sample is checked against the pattern, so "inside" and "outside" are facts, not guesses.
 */
final class ResourceSamples {
    private static final String DEFAULT_REGION = "ap-guangzhou";
    private static final String[] LEAVES = {"a.txt", "photo.jpg", "2026/report.pdf", "video.mp4", "data.bin"};

    private final Directory directory;
    private final List<String> prefixes;
    private final Random random;
    private final List<Bucket> buckets;

    /**
     * @param directory where buckets are found
     * @param buckets   every bucket of the directory
     * @param prefixes  key prefixes worth visiting (those the policies name), may be empty
     * @param random    the source of every choice
     */
    ResourceSamples(Directory directory, List<Bucket> buckets, List<String> prefixes, Random random) {
        this.directory = directory;
        this.prefixes = prefixes;
        this.random = random;
        this.buckets = buckets;
    }

    /** A resource of {@code pattern} for {@code action}, or null when none of this shape fits. */
    ResourceName inside(ResourcePattern pattern, String action, SpeakingStatement s) {
        ResourceName name = pattern.isAny() ? typical(action, home(s)) : filled(pattern, action, s, false);
        return name != null && pattern.matches(name, s.vars()) ? name : null;
    }

    /** A resource near {@code pattern} that it does not cover, or null when none was found. */
    ResourceName outside(ResourcePattern pattern, String action, SpeakingStatement s) {
        List<ResourceName> candidates = new ArrayList<>();
        if (!pattern.isAny()) {
            candidates.add(filled(pattern, action, s, true));
        }
        candidates.add(typical(action, foreign(s)));
        candidates.add(typical(action, home(s)));
        for (ResourceName c : candidates) {
            if (c != null && !pattern.matches(c, s.vars())) {
                return c;
            }
        }
        return null;
    }

    /** A resource for {@code action} in {@code bucket} (any bucket when null) with a typical key. */
    ResourceName typical(String action, Bucket bucket) {
        KnownActions.Target target = KnownActions.get().target(action);
        if (target == KnownActions.Target.NOTHING) {
            return ResourceName.ANY;
        }
        Bucket b = bucket != null ? bucket : anyBucket();
        String service = KnownActions.service(action);
        String region = b == null ? DEFAULT_REGION : b.region();
        String appid = b == null ? "1250000000" : b.appid();
        String name = b == null ? "bucket-1250000000" : b.name();
        String key = target == KnownActions.Target.BUCKET ? "" : key();
        return switch (service) {
            case "cos" -> ResourceName.parse("qcs::cos:" + region + ":uid/" + appid + ":" + name + "/" + key);
            case "ci" -> ResourceName.parse("qcs::ci:" + region + ":uid/" + appid + ":bucket/" + name + "/" + key);
            default -> ResourceName.parse("qcs::" + service + ":" + region + ":uin/"
                    + (b == null ? "100000000000" : b.ownerUin()) + ":resource/" + key);
        };
    }

    /** An object key: a known prefix or none, then a leaf. */
    String key() {
        String prefix = prefixes.isEmpty() || random.nextInt(4) == 0 ? ""
                : prefixes.get(random.nextInt(prefixes.size()));
        return prefix + LEAVES[random.nextInt(LEAVES.length)];
    }

    private ResourceName filled(ResourcePattern p, String action, SpeakingStatement s, boolean elsewhere) {
        String actionService = KnownActions.service(action);
        String service = p.service().isEmpty() || Glob.matches(p.service(), actionService) ? actionService
                : fill(p.service(), "x");
        String account = p.account().isEmpty() ? ResourcePattern.ownerAccount(service, s.vars())
                : s.vars().substitute(p.account());
        String resource = s.vars().substitute(p.resource());
        if (account == null || resource == null) {
            return null;
        }
        boolean bucketLevel = KnownActions.get().target(action) == KnownActions.Target.BUCKET;
        String filledResource = fill(resource, bucketLevel ? "" : null);
        if (elsewhere) {
            filledResource = moved(resource, filledResource);
        }
        int slash = filledResource.indexOf('/');
        if (bucketLevel && slash >= 0) {
            // a bucket-level request names the bucket alone, whatever key prefix the pattern has
            filledResource = filledResource.substring(0, slash + 1);
        }
        String region = p.region().isEmpty() || p.region().equals("*") ? regionOf(filledResource)
                : fill(p.region(), "x");
        return ResourceName.parse("qcs::" + service + ":" + region + ":" + fill(account, "1") + ":" + filledResource);
    }

    /** The resource with the literal part after its bucket replaced, or the bucket renamed when there is none. */
    private String moved(String pattern, String filled) {
        int star = pattern.indexOf('*');
        String literal = star < 0 ? pattern : pattern.substring(0, star);
        int slash = literal.indexOf('/', literal.startsWith("bucket/") ? "bucket/".length() : 0);
        if (slash >= 0 && slash + 1 < literal.length()) {
            return literal.substring(0, slash + 1) + "elsewhere-" + random.nextInt(100) + "/" + key();
        }
        return "other" + filled;
    }

    private String regionOf(String resource) {
        String r = resource.startsWith("bucket/") ? resource.substring("bucket/".length()) : resource;
        int slash = r.indexOf('/');
        return directory.bucket(slash < 0 ? r : r.substring(0, slash)).map(Bucket::region).orElse(DEFAULT_REGION);
    }

    /** {@code text} with each {@code *} filled: the last with {@code last} (a key when null), others with a word. */
    private String fill(String text, String last) {
        int lastStar = text.lastIndexOf('*');
        if (lastStar < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '*') {
                out.append(c);
            } else if (i == lastStar) {
                out.append(last != null ? last : key());
            } else {
                out.append("w").append(random.nextInt(10));
            }
        }
        return out.toString();
    }

    /** A bucket of the policy's owner: the statement's bucket, or one of the owner account's. */
    private Bucket home(SpeakingStatement s) {
        if (s.bucket() != null) {
            return s.bucket();
        }
        List<Bucket> own = directory.rootByUin(s.vars().ownerUin()).map(RootAccount::buckets).orElse(List.of());
        return own.isEmpty() ? anyBucket() : own.get(random.nextInt(own.size()));
    }

    /** A bucket of another account than the policy's owner, or null when there is none. */
    private Bucket foreign(SpeakingStatement s) {
        for (int tries = 0; tries < 8 && !buckets.isEmpty(); tries++) {
            Bucket b = anyBucket();
            if (!b.ownerUin().equals(s.vars().ownerUin())) {
                return b;
            }
        }
        return null;
    }

    private Bucket anyBucket() {
        return buckets.isEmpty() ? null : buckets.get(random.nextInt(buckets.size()));
    }
}
