package io.camgate.proxy.upstream;

import io.camgate.cos.ConditionKeys;
import io.camgate.cos.CosRequest;
import io.camgate.sign.ChecksumAlgorithm;
import io.camgate.sign.SignatureScheme;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which of the client's headers (and POST Object form fields) may reach the store: an allowlist,
 * the same for every route mode. Each entry says why it may pass:
 * <ul>
 * <li>{@link Reason#DECIDED}: the decision read it (a condition key, or the copy source that
 *     made the request a copy and added the source's GetObject), so it passes only on requests
 *     whose decision did;</li>
 * <li>{@link Reason#PAYLOAD}: kept by the store with the object being written, as the body is;
 *     it names no other object and grants nothing;</li>
 * <li>{@link Reason#NARROWING}: it can only make the decided operation fail or return less
 *     (preconditions, ranges, integrity checks, rate limits), or means nothing to a store;</li>
 * <li>{@link Reason#CREDENTIAL}: the client's own credential, forwarded only to
 *     {@code passthrough} routes, whose store verifies it again;</li>
 * <li>{@link Reason#SIGNATURE}: what an S3 client's signature covers besides the credential
 *     (its date, payload hash, decoded length, trailer, SDK telemetry) and the body checksums the
 *     decision's body check verified: consumed by the gateway, forwarded only to
 *     {@code passthrough} routes, and only when the request is AWS-signed (checksums: whatever
 *     its scheme); on any other request the {@code x-amz-*} ones are refused.</li>
 * </ul>
 * The {@code x-amz-*} headers that pass go to a rebuilt request under their COS names
 * ({@link S3RequestHeaders}), which the route's mode writes in its store's dialect.
 * A header the gateway writes itself (Host, framing, forwarding, hop-by-hop, internal) is never
 * copied. Any other header in a namespace that stores act on ({@code x-cos-*}, {@code x-amz-*},
 * {@code x-ci-*}, CI's {@code Pic-Operations}) is refused with 400 InvalidArgument naming it:
 * copy sources, ACL grants, server-side encryption, object lock, tagging, redirects and
 * whatever a store adds next would otherwise change the operation undecided. Other unknown
 * headers are dropped.
 */
public final class ForwardedHeaders {
    /** Why a header may reach the store. */
    enum Reason {
        DECIDED,
        PAYLOAD,
        NARROWING,
        CREDENTIAL,
        SIGNATURE
    }

    private static final Map<String, Reason> TABLE = Map.ofEntries(
            // The decision reads these (ConditionKeys, the copy classification).
            Map.entry("content-type", Reason.DECIDED),
            Map.entry("x-cos-acl", Reason.DECIDED),
            Map.entry("x-cos-storage-class", Reason.DECIDED),
            Map.entry("x-cos-tagging", Reason.DECIDED),
            Map.entry("x-cos-copy-source", Reason.DECIDED),
            // Chooses whether a decided copy takes the source's metadata or the request's own.
            Map.entry("x-cos-metadata-directive", Reason.DECIDED),
            // Their S3 twins, decided alike (HeaderTwins).
            Map.entry("x-amz-acl", Reason.DECIDED),
            Map.entry("x-amz-storage-class", Reason.DECIDED),
            Map.entry("x-amz-tagging", Reason.DECIDED),
            Map.entry("x-amz-copy-source", Reason.DECIDED),
            Map.entry("x-amz-metadata-directive", Reason.DECIDED),
            // Stored with the written object.
            Map.entry("cache-control", Reason.PAYLOAD),
            Map.entry("content-disposition", Reason.PAYLOAD),
            Map.entry("content-encoding", Reason.PAYLOAD),
            Map.entry("content-language", Reason.PAYLOAD),
            Map.entry("expires", Reason.PAYLOAD),
            // Only narrow: preconditions, ranges, integrity, rate, content negotiation, CORS, client telemetry.
            Map.entry("content-md5", Reason.NARROWING),
            Map.entry("if-match", Reason.NARROWING),
            Map.entry("if-none-match", Reason.NARROWING),
            Map.entry("if-modified-since", Reason.NARROWING),
            Map.entry("if-unmodified-since", Reason.NARROWING),
            Map.entry("range", Reason.NARROWING),
            Map.entry("x-cos-copy-source-if-match", Reason.NARROWING),
            Map.entry("x-cos-copy-source-if-none-match", Reason.NARROWING),
            Map.entry("x-cos-copy-source-if-modified-since", Reason.NARROWING),
            Map.entry("x-cos-copy-source-if-unmodified-since", Reason.NARROWING),
            Map.entry("x-cos-copy-source-range", Reason.NARROWING),
            Map.entry("x-amz-copy-source-if-match", Reason.NARROWING),
            Map.entry("x-amz-copy-source-if-none-match", Reason.NARROWING),
            Map.entry("x-amz-copy-source-if-modified-since", Reason.NARROWING),
            Map.entry("x-amz-copy-source-if-unmodified-since", Reason.NARROWING),
            Map.entry("x-amz-copy-source-range", Reason.NARROWING),
            // Asks for the stored checksums in the answer.
            Map.entry("x-amz-checksum-mode", Reason.NARROWING),
            Map.entry("x-cos-forbid-overwrite", Reason.NARROWING),
            Map.entry("x-cos-traffic-limit", Reason.NARROWING),
            Map.entry("x-cos-sdk-log-debug", Reason.NARROWING),
            // The Node SDK's mark on a retried request, which it signs.
            Map.entry("x-cos-sdk-retry", Reason.NARROWING),
            Map.entry("accept", Reason.NARROWING),
            Map.entry("accept-encoding", Reason.NARROWING),
            Map.entry("accept-language", Reason.NARROWING),
            Map.entry("user-agent", Reason.NARROWING),
            Map.entry("date", Reason.NARROWING),
            Map.entry("origin", Reason.NARROWING),
            // A COS bucket's hotlink protection reads it; the store can only refuse more with it.
            Map.entry("referer", Reason.NARROWING),
            Map.entry("access-control-request-method", Reason.NARROWING),
            Map.entry("access-control-request-headers", Reason.NARROWING),
            // The client's credential: only a store that verifies it again sees it.
            Map.entry("authorization", Reason.CREDENTIAL),
            Map.entry("x-cos-security-token", Reason.CREDENTIAL),
            // An S3 signature's material, its token included, consumed here (SigV4Verifier, AwsChunkedBody).
            Map.entry("x-amz-security-token", Reason.SIGNATURE),
            Map.entry("x-amz-date", Reason.SIGNATURE),
            Map.entry("x-amz-content-sha256", Reason.SIGNATURE),
            Map.entry("x-amz-decoded-content-length", Reason.SIGNATURE),
            Map.entry("x-amz-trailer", Reason.SIGNATURE),
            Map.entry("x-amz-sdk-checksum-algorithm", Reason.SIGNATURE),
            Map.entry("x-amz-checksum-algorithm", Reason.SIGNATURE),
            Map.entry("x-amz-checksum-type", Reason.SIGNATURE),
            Map.entry("x-amz-user-agent", Reason.SIGNATURE),
            Map.entry("x-amz-te", Reason.SIGNATURE));

    /** User metadata: stored with the written object, like the body. */
    private static final String META = "x-cos-meta-";
    private static final String AMZ_META = "x-amz-meta-";
    /**
     * The body checksums an S3 client sends; the decision's body check verifies each of the
     * algorithms it knows ({@link ChecksumAlgorithm}), and any other is refused, never passed on
     * unchecked.
     */
    private static final String CHECKSUM = "x-amz-checksum-";
    /** The AWS SDKs' retry and invocation telemetry, which they sign. */
    private static final String SDK = "amz-sdk-";

    /** Headers the gateway writes itself, or that end at this hop: never copied, never refused. */
    private static final Set<String> OWN = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "expect", "forwarded", "x-real-ip",
            "proxy-authorization", "proxy-authenticate");
    private static final String[] OWN_PREFIXES = {"x-forwarded-", "x-camgate-"};

    /** Namespaces that stores act on: an unlisted header in one is refused rather than dropped. */
    private static final String[] STORE_PREFIXES = {"x-cos-", "x-amz-", "x-ci-"};
    private static final Set<String> STORE_HEADERS = Set.of("pic-operations");

    /** POST Object form fields that are not headers: where the client goes after the upload, and its status. */
    private static final Set<String> FORM_ONLY = Set.of("success_action_redirect", "success_action_status");

    private ForwardedHeaders() {
    }

    /**
     * Copies the client's headers that may reach the store into {@code out}, each as the route's
     * {@link UpstreamMode} names it; credentials only when the mode carries them.
     *
     * @param scheme  the signature the request presented
     * @param decoded whether the body goes upstream decoded from aws-chunked (then not so encoded)
     * @throws ForwardingRefused naming the first header that could change the operation undecided,
     *                           or that the route's store cannot be given faithfully
     */
    static void copy(CosRequest request, HttpHeaders client, UpstreamMode mode, SignatureScheme scheme,
            boolean decoded, HttpHeaders out) throws ForwardingRefused {
        boolean asSent = mode.carriesCredentials();
        for (Map.Entry<String, String> e : client) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            Reason reason = reason(name);
            if (reason == null) {
                refuseIfStoreHeader(name, "The header " + e.getKey());
                continue;
            }
            if (reason == Reason.DECIDED && !decided(name, request)) {
                throw notDecided("The header " + e.getKey());
            }
            if (reason == Reason.SIGNATURE && !scheme.isAws() && !name.startsWith(CHECKSUM)) {
                refuseIfStoreHeader(name, "The header " + e.getKey());
                continue;
            }
            if ((reason == Reason.CREDENTIAL || reason == Reason.SIGNATURE) && !asSent) {
                continue;
            }
            String value = e.getValue();
            if (decoded && name.equals("content-encoding")) {
                value = withoutAwsChunked(value);
                if (value.isEmpty()) {
                    continue;
                }
            }
            if (asSent || !name.startsWith("x-amz-")) {
                mode.header(name, e.getKey(), value, request, out);
            } else {
                String cos = S3RequestHeaders.cosName(name);
                mode.header(cos, cos, S3RequestHeaders.cosValue(name, cos, value, request.copySource()), request, out);
            }
        }
    }

    /** A Content-Encoding without its {@code aws-chunked} coding, which the gateway decoded. */
    private static String withoutAwsChunked(String value) {
        StringBuilder out = new StringBuilder();
        for (String coding : value.split(",")) {
            String c = coding.strip();
            if (!c.isEmpty() && !c.equalsIgnoreCase("aws-chunked")) {
                out.append(out.length() == 0 ? "" : ",").append(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether a POST Object form field other than the key, the policy and its signature may go to
     * the store; refuses one that could change the upload undecided.
     *
     * @param asSent the field's name as the form gives it
     * @throws ForwardingRefused naming the field
     */
    static boolean formField(CosRequest request, String asSent) throws ForwardingRefused {
        String name = asSent.toLowerCase(Locale.ROOT);
        if (FORM_ONLY.contains(name)) {
            return true;
        }
        // COS's form names the canned ACL "acl" as well as "x-cos-acl"; the decision reads either.
        String header = name.equals("acl") ? "x-cos-acl" : name;
        Reason reason = reason(header);
        // A form's condition keys are read from its COS fields only: no S3 spelling is decided.
        if (reason == null || reason == Reason.CREDENTIAL || reason == Reason.SIGNATURE || name.startsWith("x-amz-")) {
            refuseIfStoreHeader(name, "The form field " + asSent);
            return false;
        }
        if (reason == Reason.DECIDED && !decided(header, request)) {
            throw notDecided("The form field " + asSent);
        }
        return true;
    }

    /** Why {@code name} (lower case) may pass, or null when it may not. */
    public static Reason reason(String name) {
        Reason listed = TABLE.get(name);
        if (listed != null) {
            return listed;
        }
        if ((name.startsWith(META) && name.length() > META.length())
                || (name.startsWith(AMZ_META) && name.length() > AMZ_META.length())) {
            return Reason.PAYLOAD;
        }
        return ChecksumAlgorithm.ofHeader(name) != null || name.startsWith(SDK) ? Reason.SIGNATURE : null;
    }

    /** Whether the gateway writes {@code name} (lower case) itself, so the client's is never copied. */
    static boolean own(String name) {
        if (OWN.contains(name)) {
            return true;
        }
        for (String prefix : OWN_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this request's decision read the {@link Reason#DECIDED} header {@code name}. */
    private static boolean decided(String name, CosRequest request) {
        return switch (name) {
            case "x-cos-copy-source", "x-cos-metadata-directive", "x-amz-copy-source", "x-amz-metadata-directive" ->
                    request.copySource() != null;
            default -> ConditionKeys.readsHeader(name, request.operation().action());
        };
    }

    private static void refuseIfStoreHeader(String name, String what) throws ForwardingRefused {
        if (own(name)) {
            return;
        }
        boolean store = STORE_HEADERS.contains(name);
        for (String prefix : STORE_PREFIXES) {
            store |= name.startsWith(prefix);
        }
        if (store) {
            throw new ForwardingRefused(HttpResponseStatus.BAD_REQUEST,
                    "InvalidArgument", what + " is not one this gateway decides on, and it "
                    + "could change what the store does; send the request without it.");
        }
    }

    private static ForwardingRefused notDecided(String what) {
        return new ForwardingRefused(HttpResponseStatus.BAD_REQUEST, "InvalidArgument",
                what + " is not decided on for this operation, and it could change what the "
                + "store does; send the request without it.");
    }
}
