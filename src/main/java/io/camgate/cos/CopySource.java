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

    private static ClassificationException invalid(String header, String why) {
        return new ClassificationException(CosError.INVALID_ARGUMENT,
                "x-cos-copy-source \"" + header + "\" " + why + ".");
    }
}
