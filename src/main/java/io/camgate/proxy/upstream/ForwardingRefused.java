package io.camgate.proxy.upstream;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * An allowed request the route's upstream cannot be given faithfully (a COS-only header or
 * parameter an S3 store would ignore or misread): refused with a COS error instead of being
 * sent to do something else.
 */
final class ForwardingRefused extends Exception {
    private static final long serialVersionUID = 1L;

    private final HttpResponseStatus status;
    private final String code;

    ForwardingRefused(HttpResponseStatus status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** A 400 InvalidArgument naming what the upstream does not support. */
    static ForwardingRefused unsupported(String what) {
        return new ForwardingRefused(HttpResponseStatus.BAD_REQUEST, "InvalidArgument",
                what + " is not supported by the upstream store of this route.");
    }

    Verdict.Deny deny(String resource) {
        return new Verdict.Deny(status, code, getMessage(), resource);
    }
}
