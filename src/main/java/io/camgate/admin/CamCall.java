package io.camgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.authz.SessionPolicy;
import io.camgate.identity.Principal;
import java.util.List;
import java.util.Optional;

/**
 * One CAM API call: who makes it, for which root account, which action, with which parameters.
 * The accessors read a parameter and refuse it, with CAM's error, when it is missing or of the
 * wrong kind. A parameter given as a string or as a number reads the same, since the SDKs send
 * numbers and the older signature form sends everything as text.
 *
 * @param caller  the authenticated root account or sub-user
 * @param owner   the uin of the root account the call acts in
 * @param session the session policy of a temporary key, which narrows what the caller may do
 * @param action  the CAM action ({@code CreatePolicy} ...)
 * @param params  the parameters, a JSON object
 */
record CamCall(Principal caller, String owner, Optional<SessionPolicy> session, String action, JsonNode params) {

    /** The CAM resource {@code qcs::cam::uin/<owner>:<tail>}. */
    String resource(String tail) {
        return "qcs::cam::uin/" + owner + ":" + tail;
    }

    String text(String field) throws CamException {
        String t = optional(field);
        if (t == null) {
            throw new CamException(CamError.MISSING_PARAMETER, "the request lacks " + field);
        }
        return t;
    }

    String optional(String field) throws CamException {
        JsonNode v = params.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new CamException(CamError.INVALID_PARAMETER_VALUE, field + " is a single value");
        }
        return v.asText();
    }

    long number(String field) throws CamException {
        String t = text(field);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new CamException(CamError.INVALID_PARAMETER_VALUE, field + " is a whole number, not \"" + t + "\"");
        }
    }

    /**
     * The page of {@code all} that {@code Page} (from 1) and {@code Rp} (rows per page, 20 when
     * absent) ask for, as the API's list actions page.
     */
    <T> List<T> page(List<T> all) throws CamException {
        int rp = pageNumber("Rp", 20);
        int page = pageNumber("Page", 1);
        long from = (long) (page - 1) * rp;
        return from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + rp));
    }

    private int pageNumber(String field, int fallback) throws CamException {
        if (optional(field) == null) {
            return fallback;
        }
        long n = number(field);
        if (n < 1 || n > CamLimits.PAGE_SIZE_MAX) {
            throw new CamException(CamError.INVALID_PARAMETER_VALUE, field + " is from 1 to " + CamLimits.PAGE_SIZE_MAX);
        }
        return (int) n;
    }

    /** The list parameter {@code field}, with at least one item. */
    JsonNode list(String field, String what) throws CamException {
        JsonNode items = params.get(field);
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw new CamException(CamError.MISSING_PARAMETER, field + " is a list of at least one " + what);
        }
        return items;
    }
}
