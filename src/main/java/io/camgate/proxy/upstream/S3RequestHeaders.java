package io.camgate.proxy.upstream;

import io.camgate.cos.CopySource;
import io.camgate.cos.HeaderTwins;
import io.camgate.cos.PercentCodec;
import java.util.Locale;

/**
 * The COS names of the {@code x-amz-*} request headers S3 clients send that {@link ForwardedHeaders}
 * lets pass: the decided twins (ACL, storage class, tagging, copy source, metadata directive),
 * the copy-source preconditions and range, and user metadata. A route whose store is given a
 * rebuilt request gets them as COS names, which its {@link UpstreamMode} writes in its store's
 * dialect ({@code sigv4} turns them back into S3 names through {@link S3Dialect}); only
 * {@code passthrough}, whose store verifies the client's signature over the names as sent, gets
 * them unchanged.
 */
final class S3RequestHeaders {
    private static final String AMZ = "x-amz-";
    private static final String COS = "x-cos-";

    private S3RequestHeaders() {
    }

    /** The COS name of the passing header {@code name} (lower case), or {@code name} when it is not an S3 one. */
    static String cosName(String name) {
        if (!name.startsWith(AMZ)) {
            return name;
        }
        String twin = HeaderTwins.cosNameOf(name);
        return twin != null ? twin : COS + name.substring(AMZ.length());
    }

    /**
     * The value of S3 header {@code name} (lower case) under {@code cosName}: the storage class in
     * COS terms, the metadata directive as COS spells it, the copy source as a COS host and key.
     */
    static String cosValue(String name, String cosName, String value, CopySource source) {
        return switch (cosName) {
            case "x-cos-copy-source" -> source == null ? value : source.bucket() + ".cos." + source.region()
                    + ".myqcloud.com" + PercentCodec.encodePath("/" + source.key())
                    + (source.versionId() == null ? "" : "?versionId=" + PercentCodec.encodeComponent(source.versionId()));
            case "x-cos-metadata-directive" -> value.strip().toUpperCase(Locale.ROOT).equals("REPLACE") ? "Replaced"
                    : value.strip().toUpperCase(Locale.ROOT).equals("COPY") ? "Copy" : value;
            default -> name.equals(cosName) ? value : HeaderTwins.cosValue(cosName, value);
        };
    }
}
