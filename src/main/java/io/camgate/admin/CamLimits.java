package io.camgate.admin;

import io.camgate.policy.PolicyKind;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The limits the CAM API enforces, with the CAM error code for each. The description limit
 * (300 bytes) is CAM's documented one; the counts are CAM's usual defaults for an account, held
 * here so that a directory written through the API stays within what CAM itself would accept.
 */
final class CamLimits {
    static final int POLICY_NAME_MAX = 128;
    static final int USER_NAME_MAX = 64;
    static final int GROUP_NAME_MAX = 64;
    static final int DESCRIPTION_MAX_BYTES = 300;
    static final int POLICIES_MAX = 1500;
    static final int ATTACHMENTS_PER_HOLDER_MAX = 200;
    static final int SUB_USERS_MAX = 1000;
    static final int GROUPS_MAX = 300;
    static final int GROUPS_PER_USER_MAX = 10;
    static final int KEYS_PER_USER_MAX = 2;
    static final int PAGE_SIZE_MAX = 200;

    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");

    private CamLimits() {
    }

    static void policyName(String name) throws CamException {
        if (name.isEmpty() || name.length() > POLICY_NAME_MAX || !NAME.matcher(name).matches()) {
            throw new CamException(CamError.POLICY_NAME_ERROR, "PolicyName is 1 to " + POLICY_NAME_MAX
                    + " characters of letters, digits and +=,.@-_");
        }
    }

    static void userName(String name) throws CamException {
        if (name.isEmpty() || name.length() > USER_NAME_MAX || !NAME.matcher(name).matches()) {
            throw new CamException(CamError.NAME_ERROR, "Name is 1 to " + USER_NAME_MAX
                    + " characters of letters, digits and +=,.@-_");
        }
    }

    static void groupName(String name) throws CamException {
        if (name.isEmpty() || name.length() > GROUP_NAME_MAX || !NAME.matcher(name).matches()) {
            throw new CamException(CamError.PARAM_ERROR, "GroupName is 1 to " + GROUP_NAME_MAX
                    + " characters of letters, digits and +=,.@-_");
        }
    }

    /**
     * Refuses a policy document longer than CAM allows a user policy: counted, as CAM counts it,
     * in characters other than white space.
     */
    static void policyDocument(String text) throws CamException {
        long chars = text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        if (chars > PolicyKind.USER.sizeLimit()) {
            throw new CamException(CamError.POLICY_DOCUMENT_LENGTH_OVER_LIMIT, "PolicyDocument has " + chars
                    + " characters without white space; at most " + PolicyKind.USER.sizeLimit());
        }
    }

    static void description(String description) throws CamException {
        if (description != null && description.getBytes(StandardCharsets.UTF_8).length > DESCRIPTION_MAX_BYTES) {
            throw new CamException(CamError.DESCRIPTION_LENGTH_OVERLIMIT,
                    "Description is at most " + DESCRIPTION_MAX_BYTES + " bytes");
        }
    }
}
