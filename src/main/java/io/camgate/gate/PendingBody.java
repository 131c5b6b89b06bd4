package io.camgate.gate;

import io.camgate.authz.index.Published;
import io.camgate.cos.CosRequest;
import io.camgate.sign.Authentication;
import io.camgate.sign.BodyCheck;
import io.camgate.sign.SignatureScheme;

/**
 * A decision waiting for the request's body: the request as classified from its head, the
 * snapshot it started with, and for a multi-delete list the caller already authenticated and
 * admitted (a form is authenticated by its own fields, once they are in).
 */
public final class PendingBody {
    /** Which body the decision waits for. */
    public enum Kind {
        /** A Delete Multiple Objects list: read whole, then decided on every key it names. */
        DELETE_LIST,
        /** A POST Object form: its fields, up to the file, which then streams. */
        FORM
    }

    private final Kind kind;
    private final int maxBytes;
    private final Published published;
    private final CosRequest request;
    private final Authentication auth;
    private final String uri;
    private final String boundary;
    private final long declared;
    private final BodyCheck check;
    private final SignatureScheme scheme;

    PendingBody(Kind kind, int maxBytes, Published published, CosRequest request, Authentication auth, String uri,
            String boundary, long declared, SignatureScheme scheme, BodyCheck check) {
        this.kind = kind;
        this.maxBytes = maxBytes;
        this.published = published;
        this.request = request;
        this.auth = auth;
        this.uri = uri;
        this.boundary = boundary;
        this.declared = declared;
        this.check = check;
        this.scheme = scheme;
    }

    public Kind kind() {
        return kind;
    }

    /** The most body bytes read before deciding; a longer list is refused, a form decided on what it has. */
    public int maxBytes() {
        return maxBytes;
    }

    /** The request as classified from its head. */
    public CosRequest request() {
        return request;
    }

    /** The client's Content-Length, or -1 when chunked. */
    public long declared() {
        return declared;
    }

    Published published() {
        return published;
    }

    Authentication auth() {
        return auth;
    }

    String uri() {
        return uri;
    }

    /** The check a multi-delete list must pass before its keys are decided on (a signed hash, a checksum), or null. */
    BodyCheck check() {
        return check;
    }

    /** The signature scheme of the request's head. */
    SignatureScheme scheme() {
        return scheme;
    }

    String boundary() {
        return boundary;
    }
}
