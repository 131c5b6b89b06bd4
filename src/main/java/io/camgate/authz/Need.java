package io.camgate.authz;

import io.camgate.policy.ResourceName;

/**
 * One action on one resource that a request needs to be allowed. A copy needs two (the
 * write on the target, the read on the source); a multi-delete needs one per key.
 *
 * @param action   the CAM action, e.g. {@code name/cos:GetObject} or {@code cos:GetObject}
 * @param resource the resource it acts on
 */
public record Need(String action, ResourceName resource) {
}
