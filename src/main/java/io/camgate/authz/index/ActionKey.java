package io.camgate.authz.index;

/**
 * A request's action, normalized once per decision.
 *
 * @param name the {@link io.camgate.policy.ActionPattern#normalize normalized} action
 * @param id   its number in the {@link ActionTable}, or -1 for an action outside the table
 */
record ActionKey(String name, int id) {
}
