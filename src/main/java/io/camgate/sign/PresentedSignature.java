package io.camgate.sign;

import io.camgate.identity.Directory;

/**
 * The signature a request presents, one case per scheme. Each case hands itself to the method of
 * {@link Schemes} for its scheme, so every scheme has its own verification path and none is a
 * default: a new scheme (SigV4 header, query or streaming; SigV2 header or query) is a new case
 * here and a new method there, which the compiler then asks every verifier for. This is the
 * exhaustive dispatch a {@code switch} over a sealed type gives from Java 21, written for
 * release 17.
 */
sealed interface PresentedSignature {
    /** No signature at all: the request is anonymous. */
    PresentedSignature ANONYMOUS = new Anonymous();

    /** Verifies this signature by its scheme's path, against the snapshot's {@code directory}. */
    Authentication verifyWith(Schemes schemes, Directory directory) throws AuthenticationException;

    /** One verification path per scheme. */
    interface Schemes {
        Authentication anonymous();

        Authentication cosHeader(CosHeader signature, Directory directory) throws AuthenticationException;

        Authentication cosQuery(CosQuery signature, Directory directory) throws AuthenticationException;

        Authentication cosSignParameter(CosSignParameter signature, Directory directory)
                throws AuthenticationException;

        Authentication cosPostForm(CosPostForm signature, Directory directory) throws AuthenticationException;
    }

    /** No signature. */
    record Anonymous() implements PresentedSignature {
        @Override
        public Authentication verifyWith(Schemes schemes, Directory directory) {
            return schemes.anonymous();
        }
    }

    /** COS v5 in the {@code Authorization} header. */
    record CosHeader(SignedRequest request, SignatureFields fields, String token) implements PresentedSignature {
        @Override
        public Authentication verifyWith(Schemes schemes, Directory directory) throws AuthenticationException {
            return schemes.cosHeader(this, directory);
        }
    }

    /** COS v5 in separate {@code q-*} query parameters (a pre-signed URL). */
    record CosQuery(SignedRequest request, SignatureFields fields, String token) implements PresentedSignature {
        @Override
        public Authentication verifyWith(Schemes schemes, Directory directory) throws AuthenticationException {
            return schemes.cosQuery(this, directory);
        }
    }

    /** COS v5 as one {@code sign=} query parameter holding the whole authorization string. */
    record CosSignParameter(SignedRequest request, SignatureFields fields, String token)
            implements PresentedSignature {
        @Override
        public Authentication verifyWith(Schemes schemes, Directory directory) throws AuthenticationException {
            return schemes.cosSignParameter(this, directory);
        }
    }

    /** The policy signature of a COS POST Object form. */
    record CosPostForm(PostObjectForm form) implements PresentedSignature {
        @Override
        public Authentication verifyWith(Schemes schemes, Directory directory) throws AuthenticationException {
            return schemes.cosPostForm(this, directory);
        }
    }
}
