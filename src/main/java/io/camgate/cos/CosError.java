package io.camgate.cos;

/** The COS error codes classification can answer with, each with its HTTP status. */
public enum CosError {
    /** The request-target does not decode cleanly (bad escapes, invalid UTF-8, control characters). */
    INVALID_URI("InvalidURI", 400),
    /** A bucket name that is not {@code <name>-<appid>} in {@code a-z0-9-}. */
    INVALID_BUCKET_NAME("InvalidBucketName", 400),
    /** A header or parameter is repeated, malformed or not allowed here. */
    INVALID_ARGUMENT("InvalidArgument", 400),
    /** The request as a whole makes no sense (unknown host, ambiguous addressing). */
    INVALID_REQUEST("InvalidRequest", 400),
    /** A multi-delete body that is not the expected XML, or holds a DTD or entities. */
    MALFORMED_XML("MalformedXML", 400),
    /** A POST Object body that is not a readable multipart form ending in its file. */
    MALFORMED_POST_REQUEST("MalformedPOSTRequest", 400),
    /** A body over the size the gateway will read to classify. */
    ENTITY_TOO_LARGE("EntityTooLarge", 400),
    /** The bucket's region is needed (accelerate host) but the directory does not know the bucket. */
    NO_SUCH_BUCKET("NoSuchBucket", 404),
    /** A method COS does not serve on this host. */
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
    /** No CAM action is known for the request: it is denied rather than guessed. */
    ACCESS_DENIED("AccessDenied", 403);

    private final String code;
    private final int status;

    CosError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The {@code <Code>} of the COS error body. */
    public String code() {
        return code;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
