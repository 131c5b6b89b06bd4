package io.camgate.cos;

/**
 * A request the classifier refuses: the COS error to answer with and a message that says
 * exactly what was wrong. Raised before any authorization, so the request is never forwarded.
 */
public final class ClassificationException extends Exception {
    private final CosError error;

    /** A refusal with {@code error} and a human-readable {@code message}. */
    public ClassificationException(CosError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** The COS error code and status to answer with. */
    public CosError error() {
        return error;
    }
}
