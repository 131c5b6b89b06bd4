package io.camgate.sign;

/** Where a request's signature travelled. Each carrier has its own verification path; none is a default. */
public enum Carrier {
    /** No signature: the request is anonymous. */
    NONE,
    /** The {@code Authorization} header. */
    HEADER,
    /** Separate {@code q-*} query parameters (a pre-signed URL). */
    QUERY,
    /** One {@code sign=} query parameter holding the whole authorization string. */
    SIGN_PARAMETER,
    /** The policy signature of a POST Object form. */
    POST_FORM,
    /** A Tencent Cloud API signature (TC3-HMAC-SHA256, HmacSHA1, HmacSHA256), checked by the CAM API. */
    CLOUD_API
}
