package io.camgate.cos;

import io.camgate.identity.Directory;

/**
 * The object a copy reads, from {@code x-cos-copy-source}:
 * {@code <bucket>-<appid>.cos.<region>.myqcloud.com/<url-encoded key>[?versionId=<id>]}.
 *
 * @param bucket    the source bucket's full name
 * @param appid     its APPID
 * @param region    its region
 * @param key       the decoded source key, kept exactly
 * @param versionId the source version, or null
 */
public record CopySource(String bucket, String appid, String region, String key, String versionId) {
    private static final String VERSION_ID = "versionId=";

    /**
     * Reads the header. The host part is any virtual-hosted COS form {@link HostParser} knows
     * (not website, CI or custom domains, which are not copy sources); the key is decoded
     * exactly once and must not be empty; the only query allowed is {@code versionId}.
     */
    public static CopySource parse(String header, HostParser hosts, Directory directory)
            throws ClassificationException {
        String value = header.trim();
        int slash = value.indexOf('/');
        if (slash <= 0) {
            throw invalid(header, "is not <bucket>-<appid>.cos.<region>.myqcloud.com/<key>");
        }
        Endpoint source;
        try {
            source = hosts.parse(value.substring(0, slash), directory);
        } catch (ClassificationException e) {
            throw invalid(header, "does not name a COS bucket host: " + e.getMessage());
        }
        switch (source.kind()) {
            case VIRTUAL_HOSTED, INTERNAL, ACCELERATE, LEGACY -> { }
            default -> throw invalid(header, "names a " + source.kind() + " host, which is not a copy source");
        }
        int question = value.indexOf('?', slash);
        int keyEnd = question < 0 ? value.length() : question;
        if (question >= 0 && (!value.startsWith(VERSION_ID, question + 1) || value.indexOf('&', question) >= 0)) {
            throw invalid(header, "carries a query other than versionId");
        }
        try {
            String key = PercentCodec.decodePath(value, slash + 1, keyEnd);
            if (key.isEmpty()) {
                throw invalid(header, "names no object key");
            }
            String versionId = question < 0 ? null
                    : PercentCodec.decodeQuery(value, question + 1 + VERSION_ID.length(), value.length());
            return new CopySource(source.bucket(), source.appid(), source.region(), key, versionId);
        } catch (ClassificationException e) {
            if (e.error() == CosError.INVALID_ARGUMENT) {
                throw e;
            }
            throw invalid(header, "does not decode: " + e.getMessage());
        }
    }

    /**
     * Reads S3's {@code x-amz-copy-source}: {@code [/]<bucket>/<url-encoded key>[?versionId=<id>]}.
     * The header names no region, so the bucket's comes from the directory.
     */
    public static CopySource parseS3(String header, Directory directory) throws ClassificationException {
        String value = header.trim();
        int start = value.startsWith("/") ? 1 : 0;
        int slash = value.indexOf('/', start);
        if (slash <= start) {
            throw invalid(header, "is not <bucket>/<key>");
        }
        String bucket = value.substring(start, slash);
        String appid = BucketName.appidOf(bucket);
        if (appid == null) {
            throw invalid(header, "does not name a bucket <name>-<appid>");
        }
        String region = directory.bucket(bucket).map(io.camgate.identity.Bucket::region).orElseThrow(() ->
                new ClassificationException(CosError.NO_SUCH_BUCKET, "The copy source bucket " + bucket
                        + " is not known, so its region cannot be determined."));
        int question = value.indexOf('?', slash);
        int keyEnd = question < 0 ? value.length() : question;
        if (question >= 0 && (!value.startsWith(VERSION_ID, question + 1) || value.indexOf('&', question) >= 0)) {
            throw invalid(header, "carries a query other than versionId");
        }
        String key = PercentCodec.decodePath(value, slash + 1, keyEnd);
        if (key.isEmpty()) {
            throw invalid(header, "names no object key");
        }
        String versionId = question < 0 ? null
                : PercentCodec.decodeQuery(value, question + 1 + VERSION_ID.length(), value.length());
        return new CopySource(bucket, appid, region, key, versionId);
    }

    private static ClassificationException invalid(String header, String why) {
        return new ClassificationException(CosError.INVALID_ARGUMENT,
                "The copy source \"" + header + "\" " + why + ".");
    }
}
