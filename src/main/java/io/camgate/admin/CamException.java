package io.camgate.admin;

/**
 * A CAM API call refused with one of CAM's error codes ({@code InvalidParameter.PolicyNameError},
 * {@code AuthFailure.UnauthorizedOperation} ...). Nothing was changed.
 */
final class CamException extends Exception {
    private final String code;

    CamException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
