package io.camgate.admin;

/**
 * A CAM API call refused with one of CAM's errors; nothing was changed. The kind of refusal is
 * its {@link CamError}; the message says what was wrong in words.
 */
final class CamException extends Exception {
    private final transient CamError error;

    CamException(CamError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** What kind of refusal this is. */
    CamError error() {
        return error;
    }

    /** The code as the API writes it. */
    String code() {
        return error.code();
    }
}
