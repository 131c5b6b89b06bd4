package io.camgate.cos;

import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Host header into an {@link Endpoint}. Host names compare case-insensitively, a port
 * and one trailing dot are dropped. A host under a COS domain must be exactly one known form (a
 * malformed bucket label or an unknown form is refused: a bucket is never guessed); a host
 * outside the COS domains and the custom domains is the gateway's own address
 * ({@link HostKind#GATEWAY}), where the bucket can only come from the path. Userinfo and hosts
 * that are neither a DNS name nor an IP literal are refused.
 */
public final class HostParser {
    private static final String[] DOMAINS = {".myqcloud.com", ".tencentcos.cn"};
    private static final String ACCELERATE = "accelerate";
    /**
     * Pre-2017 region names that address buckets without {@code cos.}, with the region CAM
     * resources name (the COS mobile SDKs deprecate each legacy constant in favour of these:
     * {@code CN_NORTH @see AP_Beijing_1}, {@code CN_EAST @see AP_Shanghai}, ...; cn-south-2 by
     * analogy). Resources carry the current name so that one policy covers both host forms.
     */
    private static final Map<String, String> LEGACY_REGIONS = Map.of(
            "cn-east", "ap-shanghai",
            "cn-south", "ap-guangzhou",
            "cn-south-2", "ap-guangzhou-2",
            "cn-southwest", "ap-chengdu",
            "cn-north", "ap-beijing-1",
            "sg", "ap-singapore");

    /** Slots of the recent-hosts cache; a power of two. */
    private static final int CACHE_SLOTS = 256;

    private final CosSettings settings;
    /**
     * Recently parsed Host values, direct-mapped by hash. A client fronting one bucket sends
     * the same Host every time, so this skips the parse on the hot path. Entries are immutable
     * and replace each other without locks; a lost race or a collision only costs a parse, and
     * a flood of distinct hosts cannot grow it.
     */
    private final Parsed[] recent = new Parsed[CACHE_SLOTS];

    private record Parsed(String hostHeader, Directory directory, Endpoint endpoint) {
    }

    /** A parser that also knows the custom domains of {@code settings}. */
    public HostParser(CosSettings settings) {
        this.settings = settings;
    }

    /**
     * The endpoint {@code hostHeader} names; {@code directory} supplies the region of
     * accelerate-domain and custom-domain buckets.
     */
    public Endpoint parse(String hostHeader, Directory directory) throws ClassificationException {
        if (hostHeader == null) {
            throw new ClassificationException(CosError.INVALID_REQUEST, "The request has no Host header.");
        }
        int slot = hostHeader.hashCode() & (CACHE_SLOTS - 1);
        Parsed hit = recent[slot];
        if (hit != null && hit.directory() == directory && hit.hostHeader().equals(hostHeader)) {
            return hit.endpoint();
        }
        Endpoint endpoint = parseUncached(hostHeader, directory);
        recent[slot] = new Parsed(hostHeader, directory, endpoint);
        return endpoint;
    }

    private Endpoint parseUncached(String hostHeader, Directory directory) throws ClassificationException {
        String host = normalize(hostHeader);
        String customBucket = settings.customDomains().get(host);
        if (customBucket != null) {
            Bucket bucket = directory.bucket(customBucket).orElseThrow(() -> noSuchBucket(customBucket));
            return new Endpoint(HostKind.CUSTOM_DOMAIN, host, customBucket, bucket.appid(), bucket.region());
        }
        String domain = null;
        for (String d : DOMAINS) {
            if (host.endsWith(d)) {
                domain = d;
            }
        }
        if (domain == null && (host.equals(DOMAINS[0].substring(1)) || host.equals(DOMAINS[1].substring(1)))) {
            throw unknown(host);
        }
        if (domain == null) {
            // Not a COS name: the gateway's own address (Service name, localhost, IP literal), path style.
            return new Endpoint(HostKind.GATEWAY, host, null, null, "");
        }
        String rest = host.substring(0, host.length() - domain.length());
        if (rest.equals("service.cos")) {
            return new Endpoint(HostKind.SERVICE, host, null, null, "");
        }
        if (rest.equals("service.ci")) {
            return new Endpoint(HostKind.CI_SERVICE, host, null, null, "");
        }
        int last = rest.lastIndexOf('.');
        if (last < 0) {
            throw unknown(host);
        }
        String region = rest.substring(last + 1);
        String head = rest.substring(0, last);
        int dot = head.lastIndexOf('.');
        String label = head.substring(dot + 1);
        String bucket = dot < 0 ? null : head.substring(0, dot);
        if (bucket != null && bucket.indexOf('.') >= 0) {
            throw unknown(host);
        }
        if (bucket == null) {
            return serviceLevel(host, head, region, domain);
        }
        String appid = BucketName.requireAppid(bucket);
        if (region.equals(ACCELERATE)) {
            if (!label.equals("cos")) {
                throw unknown(host);
            }
            Bucket known = directory.bucket(bucket).orElseThrow(() -> noSuchBucket(bucket));
            return new Endpoint(HostKind.ACCELERATE, host, bucket, appid, known.region());
        }
        requireRegion(region, host);
        HostKind kind = switch (label) {
            case "cos" -> HostKind.VIRTUAL_HOSTED;
            case "cos-internal" -> HostKind.INTERNAL;
            case "cos-website", "cos-website-internal" -> HostKind.WEBSITE;
            case "ci" -> HostKind.CI;
            default -> throw unknown(host);
        };
        return new Endpoint(kind, host, bucket, appid, region);
    }

    /** {@code cos.<region>}, {@code ci.<region>}, or the legacy {@code <bucket>.<legacy-region>}. */
    private static Endpoint serviceLevel(String host, String label, String region, String domain)
            throws ClassificationException {
        if (label.equals("cos") || label.equals("ci")) {
            requireRegion(region, host);
            return new Endpoint(label.equals("cos") ? HostKind.PATH_STYLE : HostKind.CI_SERVICE, host, null, null,
                    region);
        }
        String modern = LEGACY_REGIONS.get(region);
        if (modern == null || !domain.equals(".myqcloud.com")) {
            throw unknown(host);
        }
        return new Endpoint(HostKind.LEGACY, host, label, BucketName.requireAppid(label), modern);
    }

    private static void requireRegion(String region, String host) throws ClassificationException {
        if (region.isEmpty() || region.equals(ACCELERATE) || region.charAt(0) == '-'
                || region.charAt(region.length() - 1) == '-') {
            throw unknown(host);
        }
        for (int i = 0; i < region.length(); i++) {
            char c = region.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                throw unknown(host);
            }
        }
    }

    /**
     * Lower case, without {@code :port} and one trailing dot; a bracketed IPv6 literal keeps its
     * brackets. Refuses userinfo and anything but DNS-name characters or an IPv6 literal.
     */
    static String normalize(String hostHeader) throws ClassificationException {
        if (hostHeader == null || hostHeader.isEmpty()) {
            throw new ClassificationException(CosError.INVALID_REQUEST, "The request has no Host header.");
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return ipv6Literal(host, hostHeader);
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':')) {
                throw unknown(hostHeader);
            }
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            String port = host.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw unknown(hostHeader);
            }
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.startsWith(".") || host.endsWith(".") || host.contains("..")) {
            throw unknown(hostHeader);
        }
        return host;
    }

    /** {@code [v6]} or {@code [v6]:port}: hex digits, colons and dots inside the brackets. */
    private static String ipv6Literal(String host, String hostHeader) throws ClassificationException {
        int close = host.indexOf(']');
        if (close < 3) {
            throw unknown(hostHeader);
        }
        for (int i = 1; i < close; i++) {
            char c = host.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.')) {
                throw unknown(hostHeader);
            }
        }
        String rest = host.substring(close + 1);
        if (!rest.isEmpty() && !(rest.length() >= 2 && rest.length() <= 6 && rest.charAt(0) == ':'
                && rest.substring(1).chars().allMatch(c -> c >= '0' && c <= '9'))) {
            throw unknown(hostHeader);
        }
        return host.substring(0, close + 1);
    }

    private static ClassificationException unknown(String host) {
        return new ClassificationException(CosError.INVALID_REQUEST,
                "The host \"" + host + "\" is not a COS or CI endpoint this gateway serves.");
    }

    private static ClassificationException noSuchBucket(String bucket) {
        return new ClassificationException(CosError.NO_SUCH_BUCKET,
                "The bucket " + bucket + " is not known, so its region cannot be determined.");
    }
}
