package io.camgate.admin;

import io.camgate.sign.AuthError;

/**
 * The error codes the CAM API answers with, as Tencent Cloud API 3.0 names them. The SDKs raise
 * them as the code of their usual exception ({@code TencentCloudSDKException.getErrorCode()}).
 * Each refusal names its kind here; nothing is worked out from a message text.
 */
enum CamError {
    /** The signature does not match, or the request is not signed as the API requires. */
    AUTH_SIGNATURE_FAILURE("AuthFailure.SignatureFailure"),
    /** The request's timestamp is further from the gateway's clock than allowed. */
    AUTH_SIGNATURE_EXPIRE("AuthFailure.SignatureExpire"),
    /** The SecretId is unknown or deactivated. */
    AUTH_SECRET_ID_NOT_FOUND("AuthFailure.SecretIdNotFound"),
    /** A temporary key's token is missing, wrong or expired. */
    AUTH_TOKEN_FAILURE("AuthFailure.TokenFailure"),
    /** The Authorization header cannot be read. */
    AUTH_INVALID_AUTHORIZATION("AuthFailure.InvalidAuthorization"),
    /** The caller's policies do not allow the action. */
    AUTH_UNAUTHORIZED_OPERATION("AuthFailure.UnauthorizedOperation"),
    /** No such action. */
    INVALID_ACTION("InvalidAction"),
    /** The API version is not 2019-01-16. */
    NO_SUCH_VERSION("NoSuchVersion"),
    /** A required parameter is absent. */
    MISSING_PARAMETER("MissingParameter"),
    /** A parameter has a value of the wrong kind. */
    INVALID_PARAMETER_VALUE("InvalidParameterValue"),
    /** A user name breaks CAM's naming rules. */
    NAME_ERROR("InvalidParameterValue.NameError"),
    /** The request body or a parameter cannot be read. */
    PARAM_ERROR("InvalidParameter.ParamError"),
    /** The policy document is not a valid CAM policy. */
    POLICY_DOCUMENT_ERROR("InvalidParameter.PolicyDocumentError"),
    /** The policy document is too long. */
    POLICY_DOCUMENT_LENGTH_OVER_LIMIT("InvalidParameter.PolicyDocumentLengthOverLimit"),
    /** A policy name breaks CAM's naming rules. */
    POLICY_NAME_ERROR("InvalidParameter.PolicyNameError"),
    /** The policy is a preset and cannot be changed. */
    POLICY_ID_ERROR("InvalidParameter.PolicyIdError"),
    /** A description is too long. */
    DESCRIPTION_LENGTH_OVERLIMIT("InvalidParameter.DescriptionLengthOverlimit"),
    /** Scope is not All, QCS or Local. */
    SCOPE_ERROR("InvalidParameter.ScopeError"),
    /** A user or group holds the most policies it may. */
    ATTACHMENT_FULL("InvalidParameter.AttachmentFull"),
    /** A sub-user of that name exists. */
    SUB_USER_NAME_IN_USE("InvalidParameter.SubUserNameInUse"),
    /** The account holds the most sub-users it may. */
    SUB_USER_FULL("InvalidParameter.SubUserFull"),
    /** A group of that name exists. */
    GROUP_NAME_IN_USE("InvalidParameter.GroupNameInUse"),
    /** The account holds the most groups it may. */
    GROUP_FULL("InvalidParameter.GroupFull"),
    /** The user is in the most groups it may be. */
    USER_GROUP_FULL("InvalidParameter.UserGroupFull"),
    /** The change would leave the directory invalid, or is not this account's to make. */
    FAILED_OPERATION("FailedOperation"),
    /** A policy of that name (or PolicyId) exists. */
    POLICY_NAME_IN_USE("FailedOperation.PolicyNameInUse"),
    /** The account holds the most policies it may. */
    POLICY_FULL("FailedOperation.PolicyFull"),
    /** The holder has the most access keys it may. */
    LIMIT_EXCEEDED("LimitExceeded"),
    /** No such access key or root account. */
    NOT_FOUND("ResourceNotFound.NotFound"),
    /** No such policy. */
    POLICY_ID_NOT_FOUND("ResourceNotFound.PolicyIdNotFound"),
    /** No such sub-user. */
    USER_NOT_EXIST("ResourceNotFound.UserNotExist"),
    /** No such group. */
    GROUP_NOT_EXIST("ResourceNotFound.GroupNotExist"),
    /** The configuration directory could not be read or written. */
    SYSTEM_ERROR("InternalError.SystemError"),
    /** Store mode: the shared store did not answer in time; nothing was changed. Sent with HTTP 503. */
    STORE_UNAVAILABLE("InternalError.StoreUnavailable");

    private final String code;

    CamError(String code) {
        this.code = code;
    }

    /** The API's error for a signature the authenticator refused, by the kind of refusal. */
    static CamError refusing(AuthError refusal) {
        if (refusal.equals(AuthError.INVALID_ACCESS_KEY_ID)) {
            return AUTH_SECRET_ID_NOT_FOUND;
        }
        if (refusal.equals(AuthError.EXPIRED_TOKEN) || refusal.equals(AuthError.INVALID_TOKEN)) {
            return AUTH_TOKEN_FAILURE;
        }
        if (refusal.equals(AuthError.REQUEST_EXPIRED) || refusal.equals(AuthError.REQUEST_TIME_TOO_SKEWED)) {
            return AUTH_SIGNATURE_EXPIRE;
        }
        return AUTH_SIGNATURE_FAILURE;
    }

    /** The code as the API writes it ({@code AuthFailure.SignatureFailure} ...). */
    String code() {
        return code;
    }
}
