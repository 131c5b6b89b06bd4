package io.camgate.sign;

import java.util.List;

/**
 * Which signature a request presents, one case per scheme, decided once before anything is
 * verified, so that the request path dispatches to exactly one verifier and every case has one
 * (an unhandled case is how signature bypasses happen): the decider switches over these cases
 * with no default branch, and the compiler refuses a switch that misses one. An enum rather than
 * a hierarchy of records, so that telling the scheme allocates nothing. A request that carries
 * more than one signature, in any mix of schemes and carriers, is refused: no two readers of it
 * could then disagree on which counts.
 */
public enum SignatureScheme {
    /** No signature: anonymous. */
    NONE,
    /** COS v5 in the {@code Authorization} header. */
    COS_HEADER,
    /** COS v5 in {@code q-*} query parameters. */
    COS_QUERY,
    /** COS v5 in one {@code sign=} query parameter. */
    COS_SIGN_PARAMETER,
    /**
     * The policy signature of a COS POST Object form, in the form's fields: never told from a
     * request head ({@link #of}), the decider takes it for an operation whose body is a form.
     */
    COS_POST_FORM,
    /** AWS SigV4 in the {@code Authorization} header. */
    AWS4_HEADER,
    /** AWS SigV4 in {@code X-Amz-*} query parameters (a presigned URL). */
    AWS4_QUERY,
    /** AWS SigV2 in the {@code Authorization} header, {@code AWS <key>:<signature>}. */
    AWS2_HEADER,
    /** AWS SigV2 in {@code AWSAccessKeyId}, {@code Expires} and {@code Signature} query parameters. */
    AWS2_QUERY;

    private static final SignatureScheme[] ALL = values();

    /** Whether this is an AWS scheme (SigV4 or SigV2), whose signature headers the gateway consumes. */
    public boolean isAws() {
        return this == AWS4_HEADER || this == AWS4_QUERY || this == AWS2_HEADER || this == AWS2_QUERY;
    }

    /**
     * The one signature {@code request} carries.
     *
     * @throws AuthenticationException a 400 when it carries more than one, or Authorization twice
     */
    public static SignatureScheme of(SignedRequest request) throws AuthenticationException {
        List<String> header = request.headerValues("authorization");
        if (header.size() > 1) {
            throw SignatureFields.malformed("Authorization is given twice");
        }
        SignatureScheme found = NONE;
        if (!header.isEmpty()) {
            String value = header.get(0);
            if (value.startsWith(SigV4Authorization.ALGORITHM + " ")) {
                found = AWS4_HEADER;
            } else if (value.startsWith(SigV2Verifier.HEADER_PREFIX)) {
                found = AWS2_HEADER;
            } else {
                // Anything else goes to the COS parser, which refuses what it cannot read.
                found = COS_HEADER;
            }
        }
        for (int i = 0, n = request.parameterCount(); i < n; i++) {
            String name = request.parameterName(i);
            SignatureScheme carrier;
            if (SignatureFields.slot(name) >= 0) {
                carrier = COS_QUERY;
            } else if ("sign".equals(name)) {
                carrier = COS_SIGN_PARAMETER;
            } else if (SigV4Authorization.isQueryField(name)) {
                carrier = AWS4_QUERY;
            } else if (SigV2Verifier.isQueryField(name)) {
                carrier = AWS2_QUERY;
            } else {
                continue;
            }
            if (found != NONE && found != carrier) {
                throw SignatureFields.malformed("the request carries more than one signature");
            }
            found = carrier;
        }
        return found;
    }

    /**
     * Whether query parameter {@code name} belongs to a signature of any scheme (COS {@code q-*},
     * {@code sign} and its token; the SigV4 presign fields and {@code X-Amz-Security-Token}; SigV2's
     * {@code AWSAccessKeyId}, {@code Expires}, {@code Signature}): a forwarder that re-signs drops
     * these, as they mean nothing upstream. {@code Expires} counts only beside a SigV2 signature.
     */
    public static boolean isSignatureParameter(String name, SignatureScheme scheme) {
        return switch (scheme) {
            case NONE -> false;
            case COS_HEADER, COS_QUERY, COS_SIGN_PARAMETER, COS_POST_FORM -> Authenticator.isSignatureParameter(name);
            case AWS4_HEADER, AWS4_QUERY -> SigV4Authorization.isQueryField(name)
                    || SigV4Verifier.TOKEN_PARAMETER.equals(name) || "X-Amz-Content-Sha256".equals(name);
            case AWS2_HEADER, AWS2_QUERY -> SigV2Verifier.isQueryField(name) || "Expires".equals(name)
                    || SigV4Verifier.TOKEN_HEADER.equals(name);
        };
    }

    /**
     * Whether {@code name} is a signature parameter of any scheme: what a forwarder that re-signs
     * drops whichever scheme the request was signed with (a parameter of another scheme than the
     * request's would have made it carry two signatures, except SigV2's {@code Expires}, which
     * means nothing to a store either).
     */
    public static boolean isAnySignatureParameter(String name) {
        for (SignatureScheme scheme : ALL) {
            if (isSignatureParameter(name, scheme)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code request} carries any SigV4 presign field. */
    static boolean hasAws4Query(SignedRequest request) {
        for (int i = 0, n = request.parameterCount(); i < n; i++) {
            if (SigV4Authorization.isQueryField(request.parameterName(i))) {
                return true;
            }
        }
        return false;
    }
}
