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
    CLOUD_API,
    /** AWS Signature Version 4 in the {@code Authorization} header. */
    AWS4_HEADER,
    /** AWS Signature Version 4 in {@code X-Amz-*} query parameters (a presigned URL). */
    AWS4_QUERY,
    /** AWS Signature Version 2 in the {@code Authorization} header ({@code AWS AKID:sig}). */
    AWS2_HEADER,
    /** AWS Signature Version 2 in {@code AWSAccessKeyId}/{@code Expires}/{@code Signature} parameters. */
    AWS2_QUERY
}
