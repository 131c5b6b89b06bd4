package io.camgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.sign.Authentication;

/**
 * A Tencent Cloud API request whose signature has been verified: who signed it, the action it
 * names and its parameters as a JSON object.
 *
 * @param caller the verified caller
 * @param action the action ({@code X-TC-Action}, or {@code Action} in the older form)
 * @param params the action's parameters
 */
record CloudApiCall(Authentication caller, String action, JsonNode params) {
}
