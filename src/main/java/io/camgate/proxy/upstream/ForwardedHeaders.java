package io.camgate.proxy.upstream;

import io.camgate.cos.ConditionKeys;
import io.camgate.cos.CosRequest;
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
 *     {@code passthrough} routes, whose store verifies it again.</li>
 * </ul>
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
        CREDENTIAL
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
            Map.entry("x-cos-forbid-overwrite", Reason.NARROWING),
            Map.entry("x-cos-traffic-limit", Reason.NARROWING),
            Map.entry("x-cos-sdk-log-debug", Reason.NARROWING),
            Map.entry("accept", Reason.NARROWING),
            Map.entry("accept-encoding", Reason.NARROWING),
            Map.entry("accept-language", Reason.NARROWING),
            Map.entry("user-agent", Reason.NARROWING),
            Map.entry("date", Reason.NARROWING),
            Map.entry("origin", Reason.NARROWING),
            Map.entry("access-control-request-method", Reason.NARROWING),
            Map.entry("access-control-request-headers", Reason.NARROWING),
            // The client's credential: only a store that verifies it again sees it.
            Map.entry("authorization", Reason.CREDENTIAL),
            Map.entry("x-cos-security-token", Reason.CREDENTIAL));

    /** User metadata: stored with the written object, like the body. */
    private static final String META = "x-cos-meta-";

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
     * @throws ForwardingRefused naming the first header that could change the operation undecided,
     *                           or that the route's store cannot be given faithfully
     */
    static void copy(CosRequest request, HttpHeaders client, UpstreamMode mode, HttpHeaders out)
            throws ForwardingRefused {
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
            if (reason == Reason.CREDENTIAL && !mode.carriesCredentials()) {
                continue;
            }
            mode.header(name, e.getKey(), e.getValue(), request, out);
        }
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
        if (reason == null || reason == Reason.CREDENTIAL) {
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
        return name.startsWith(META) && name.length() > META.length() ? Reason.PAYLOAD : null;
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
            case "x-cos-copy-source", "x-cos-metadata-directive" -> request.copySource() != null;
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
