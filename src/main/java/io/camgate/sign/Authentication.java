package io.camgate.sign;

import io.camgate.identity.Principal;
import io.camgate.policy.PolicyDocument;
import java.util.Optional;

/**
 * Who a request speaks for, once its signature has been verified: the principal (anonymous for
 * an unsigned request), the SecretId and window it was signed with, how it was carried, and for
 * temporary credentials the session policy that limits it further. It also answers which
 * headers and parameters the signature covered, for rules (such as strict signature mode) that
 * must not trust unsigned ones.
 */
public final class Authentication {
    private static final Authentication ANONYMOUS =
            new Authentication(Principal.ANONYMOUS, null, null, Optional.empty(), Carrier.NONE, null, null, false);

    private final Principal principal;
    private final String secretId;
    private final KeyWindow window;
    private final Optional<PolicyDocument> sessionPolicy;
    private final Carrier carrier;
    private final SignedNames signedHeaders;
    private final SignedNames signedParameters;
    /** SigV4 signs the whole query: every parameter counts as signed. */
    private final boolean everyParameterSigned;

    private Authentication(Principal principal, String secretId, KeyWindow window,
            Optional<PolicyDocument> sessionPolicy, Carrier carrier, SignedNames signedHeaders,
            SignedNames signedParameters, boolean everyParameterSigned) {
        this.principal = principal;
        this.secretId = secretId;
        this.window = window;
        this.sessionPolicy = sessionPolicy;
        this.carrier = carrier;
        this.signedHeaders = signedHeaders;
        this.signedParameters = signedParameters;
        this.everyParameterSigned = everyParameterSigned;
    }

    /** The result for an unsigned request. */
    public static Authentication anonymous() {
        return ANONYMOUS;
    }

    static Authentication signed(Signer signer, KeyWindow window, Carrier carrier, SignedNames headers,
            SignedNames parameters) {
        return new Authentication(signer.principal(), signer.secretId(), window, signer.sessionPolicy(), carrier,
                headers, parameters, false);
    }

    /** A SigV4 result: the listed headers and every query parameter are signed. */
    static Authentication signedWholeQuery(Signer signer, KeyWindow window, Carrier carrier, SignedNames headers) {
        return new Authentication(signer.principal(), signer.secretId(), window, signer.sessionPolicy(), carrier,
                headers, null, true);
    }

    /** The root account, sub-user, or anonymous. */
    public Principal principal() {
        return principal;
    }

    /** True for an unsigned request. */
    public boolean isAnonymous() {
        return carrier == Carrier.NONE;
    }

    /** The SecretId that signed, or empty when anonymous. */
    public Optional<String> secretId() {
        return Optional.ofNullable(secretId);
    }

    /** The signature's window ({@code q-sign-time}, or {@code q-key-time} for a form), or empty when anonymous. */
    public Optional<KeyWindow> window() {
        return Optional.ofNullable(window);
    }

    /** The extra policy of a temporary credential, to be applied on top of the principal's own. */
    public Optional<PolicyDocument> sessionPolicy() {
        return sessionPolicy;
    }

    /** Where the signature travelled. */
    public Carrier carrier() {
        return carrier;
    }

    /** Whether header {@code name} (any case) was signed. Always false for anonymous requests and forms. */
    public boolean isHeaderSigned(String name) {
        return isSigned(signedHeaders, name);
    }

    /** Whether query parameter {@code name} was signed. Names compare as COS does, case-insensitively. */
    public boolean isParameterSigned(String name) {
        return everyParameterSigned || isSigned(signedParameters, name);
    }

    private static boolean isSigned(SignedNames names, String raw) {
        if (names == null) {
            return false;
        }
        for (int i = 0; i < names.size(); i++) {
            if (ByteSink.isCanonicalName(raw, names.name(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Authentication[" + principal + ", " + carrier + (secretId == null ? "" : ", " + secretId) + "]";
    }
}
