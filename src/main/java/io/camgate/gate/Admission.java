package io.camgate.gate;

import io.camgate.cos.ClassificationException;
import io.camgate.cos.CosRequest;
import io.camgate.cos.PostForm;
import io.camgate.sign.AuthError;
import io.camgate.sign.Authentication;
import io.camgate.sign.BodyCheck;
import io.camgate.sign.SignatureScheme;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the decider made of a request: allowed, refused with a COS error, or waiting for its body. */
public sealed interface Admission {
    /**
     * Allowed.
     *
     * @param request the authorized request, parsed once; what the upstream request is built from
     * @param auth    who it speaks for and how that was proven
     * @param form    a POST Object's form read up to its file, or null for other requests
     * @param formKey the key a POST Object's form names (its {@code ${filename}} filled in), or null
     * @param scheme  the signature scheme the request presented
     * @param body    the check its body must pass as it streams (a signed SHA-256, aws-chunked
     *                signatures, a checksum header), or null when there is none left to run
     */
    record Allowed(CosRequest request, Authentication auth, PostForm form, String formKey, SignatureScheme scheme,
            BodyCheck body) implements Admission {
    }

    /**
     * Refused with a COS error.
     *
     * @param status   the HTTP status
     * @param code     the COS code ({@code AccessDenied}, {@code SignatureDoesNotMatch} ...)
     * @param message  the COS message
     * @param resource the request's path without its query (which may hold a signature)
     * @param details  extra XML elements (debug mode only)
     */
    record Refused(int status, String code, String message, String resource, Map<String, String> details)
            implements Admission {
        public static Refused of(int status, String code, String message, String uri) {
            return new Refused(status, code, message, pathOf(uri), Map.of());
        }

        public static Refused classification(ClassificationException e, String uri) {
            return of(e.error().status(), e.error().code(), e.getMessage(), uri);
        }

        public static Refused signature(AuthError error, String uri) {
            Map<String, String> details = new LinkedHashMap<>();
            if (error.stringToSign() != null) {
                details.put("StringToSign", error.stringToSign());
            }
            if (error.formatString() != null) {
                details.put("FormatString", error.formatString());
            }
            return new Refused(error.status(), error.code(), error.message(), pathOf(uri), details);
        }
    }

    /**
     * Decided on the body: read at most {@link PendingBody#maxBytes()} of it (all of a
     * multi-delete list, the fields of a form), then ask {@link RequestDecider#decideWithBody}
     * or {@link RequestDecider#decideForm}. A form's decider may ask for more again.
     *
     * @param pending what was decided so far
     */
    record NeedsBody(PendingBody pending) implements Admission {
    }

    /** The {@code Resource} of an error: the request's path, without the query (which may hold a signature). */
    static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
