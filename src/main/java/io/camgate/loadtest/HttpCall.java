package io.camgate.loadtest;

import java.util.List;

/**
 * One prepared, signed request for a running gateway, with the answer the policy set predicts.
 *
 * @param caller   the caller's uin or {@code anonymous}
 * @param action   the action the request needs, normalized
 * @param method   the HTTP method
 * @param host     the COS Host header
 * @param target   the request-target as sent: encoded path and query
 * @param headers  header names and values, alternating, the signature included
 * @param body     the body, empty for none
 * @param allowed  whether the policy set allows it
 * @param reason   the predicted decision's reason label
 */
public record HttpCall(String caller, String action, String method, String host, String target,
        List<String> headers, byte[] body, boolean allowed, String reason) {

    /** The COS error code a denial must carry. */
    public static final String DENIED_CODE = "AccessDenied";

    /** {@code METHOD host target}, for reports. */
    public String line() {
        return method + " " + host + target;
    }
}
