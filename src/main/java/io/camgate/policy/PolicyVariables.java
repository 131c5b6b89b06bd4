package io.camgate.policy;

import java.util.List;

/**
 * The values of CAM policy variables for one evaluation: {@code ${uin}} is the caller,
 * {@code ${owner_uin}} and {@code ${app_id}} belong to the root account that owns the policy.
 *
 * @param callerUin the caller's uin, or null for an anonymous caller (then {@code ${uin}}
 *                  has no value and a pattern that uses it cannot match)
 * @param ownerUin  the policy owner's root uin
 * @param appId     the policy owner's APPID
 */
public record PolicyVariables(String callerUin, String ownerUin, String appId) {
    /** The variable names CAM defines, as written in documents. */
    public static final List<String> NAMES = List.of("${uin}", "${owner_uin}", "${app_id}");

    /** True when {@code text} holds a {@code ${...}} that is not one of {@link #NAMES}. */
    public static boolean hasUnknownVariable(String text) {
        int at = text.indexOf("${");
        while (at >= 0) {
            int end = text.indexOf('}', at);
            if (end < 0 || !NAMES.contains(text.substring(at, end + 1))) {
                return true;
            }
            at = text.indexOf("${", end);
        }
        return false;
    }

    /**
     * Replaces every variable in {@code text}. Returns null when the text needs a value
     * that is missing, so that the caller treats the pattern as not matching.
     */
    public String substitute(String text) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        if (text.contains("${uin}") && callerUin == null) {
            return null;
        }
        String out = text.replace("${owner_uin}", ownerUin).replace("${app_id}", appId);
        return callerUin == null ? out : out.replace("${uin}", callerUin);
    }
}
