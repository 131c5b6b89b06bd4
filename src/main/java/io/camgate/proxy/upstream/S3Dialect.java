package io.camgate.proxy.upstream;

import io.camgate.cos.CopySource;
import io.camgate.cos.PercentCodec;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The translation between COS and the S3 API for {@code sigv4} routes. Requests: each
 * {@code x-cos-*} header that {@link ForwardedHeaders} lets pass becomes its {@code x-amz-*}
 * equivalent, and a header or query
 * parameter with no S3 equivalent is refused, because an S3 store ignores what it does not
 * know and would do something else than asked (s3proxy given {@code x-cos-copy-source}
 * stores an empty object). Responses: {@code x-amz-*} headers become {@code x-cos-*}.
 */
final class S3Dialect {
    /** COS request headers whose S3 name is the same after the prefix, with values S3 reads alike. */
    private static final Set<String> SAME_SUFFIX = Set.of(
            "copy-source-if-match", "copy-source-if-none-match", "copy-source-if-modified-since",
            "copy-source-if-unmodified-since", "copy-source-range", "tagging");
    /** COS's metadata directives and S3's names for them. */
    private static final Map<String, String> DIRECTIVES = Map.of("copy", "COPY", "replaced", "REPLACE");
    /** Headers the SDKs send for their own logging, which mean nothing to the store. */
    private static final Set<String> CLIENT_ONLY = Set.of("sdk-log-debug", "sdk-retry");
    private static final Set<String> ACLS = Set.of("private", "public-read", "public-read-write",
            "authenticated-read", "bucket-owner-read", "bucket-owner-full-control");
    private static final Map<String, String> STORAGE_CLASSES = Map.of("STANDARD", "STANDARD",
            "STANDARD_IA", "STANDARD_IA", "INTELLIGENT_TIERING", "INTELLIGENT_TIERING", "ARCHIVE", "GLACIER",
            "DEEP_ARCHIVE", "DEEP_ARCHIVE");
    /** Query parameters the S3 API reads the way COS does. */
    private static final Set<String> PARAMETERS = Set.of("acl", "cors", "delete", "delimiter", "encoding-type",
            "lifecycle", "list-type", "location", "marker", "max-keys", "max-uploads", "max-parts",
            "part-number-marker", "partNumber", "prefix", "key-marker", "upload-id-marker", "uploadId", "uploads",
            "versionId", "versions", "version-id-marker", "tagging", "policy", "website", "versioning",
            "replication", "logging", "restore", "continuation-token", "start-after", "fetch-owner",
            "response-content-type", "response-content-language", "response-expires", "response-cache-control",
            "response-content-disposition", "response-content-encoding", "encryption", "object-lock",
            "retention", "legal-hold", "inventory", "id", "accelerate", "notification");

    private S3Dialect() {
    }

    /**
     * Adds the S3 form of the COS header {@code name} (lower case) to {@code out}.
     *
     * @param copySource the request's parsed copy source (for {@code x-cos-copy-source}), or null
     * @throws ForwardingRefused when S3 has no equivalent
     */
    static void requestHeader(String name, String value, CopySource copySource, HttpHeaders out)
            throws ForwardingRefused {
        String suffix = name.substring("x-cos-".length());
        if (CLIENT_ONLY.contains(suffix)) {
            return;
        }
        if (suffix.startsWith("meta-")) {
            out.add("x-amz-" + suffix, value);
            return;
        }
        if (SAME_SUFFIX.contains(suffix)) {
            out.add("x-amz-" + suffix, value);
            return;
        }
        switch (suffix) {
            case "copy-source" -> out.add("x-amz-copy-source", copySource(copySource));
            case "acl" -> {
                if (!ACLS.contains(value.strip())) {
                    throw ForwardingRefused.unsupported("The ACL \"" + value + "\"");
                }
                out.add("x-amz-acl", value.strip());
            }
            case "metadata-directive" -> {
                String s3 = DIRECTIVES.get(value.strip().toLowerCase(Locale.ROOT));
                if (s3 == null) {
                    throw ForwardingRefused.unsupported("The metadata directive \"" + value + "\"");
                }
                out.add("x-amz-metadata-directive", s3);
            }
            case "storage-class" -> {
                String s3 = STORAGE_CLASSES.get(value.strip().toUpperCase(Locale.ROOT));
                if (s3 == null) {
                    throw ForwardingRefused.unsupported("The storage class \"" + value + "\"");
                }
                out.add("x-amz-storage-class", s3);
            }
            default -> throw ForwardingRefused.unsupported("The header " + name);
        }
    }

    private static String copySource(CopySource source) throws ForwardingRefused {
        if (source == null) {
            throw ForwardingRefused.unsupported("A copy without a readable source");
        }
        String path = PercentCodec.encodePath("/" + source.bucket() + "/" + source.key());
        return source.versionId() == null ? path : path + "?versionId=" + PercentCodec.encodeComponent(source.versionId());
    }

    /**
     * Checks that S3 reads every query parameter name as COS does.
     *
     * @throws ForwardingRefused naming the first that it does not
     */
    static void checkParameter(String name) throws ForwardingRefused {
        if (!PARAMETERS.contains(name)) {
            throw ForwardingRefused.unsupported("The query parameter \"" + name + "\"");
        }
    }

    /**
     * Rewrites an S3 response's headers for a COS client: {@code x-amz-request-id} becomes
     * {@code x-cos-request-id}, the other {@code x-amz-*} headers their {@code x-cos-*} names,
     * and {@code x-amz-id-2} (an S3 host id) is dropped.
     */
    static void responseHeaders(HttpHeaders headers) {
        List<Map.Entry<String, String>> amz = new ArrayList<>();
        for (Map.Entry<String, String> e : headers) {
            if (e.getKey().regionMatches(true, 0, "x-amz-", 0, 6)) {
                amz.add(e);
            }
        }
        for (Map.Entry<String, String> e : amz) {
            headers.remove(e.getKey());
        }
        for (Map.Entry<String, String> e : amz) {
            String suffix = e.getKey().substring(6).toLowerCase(Locale.ROOT);
            if (suffix.equals("id-2")) {
                continue;
            }
            String value = suffix.equals("storage-class") && e.getValue().equals("GLACIER") ? "ARCHIVE" : e.getValue();
            headers.add("x-cos-" + suffix, value);
        }
    }
}
