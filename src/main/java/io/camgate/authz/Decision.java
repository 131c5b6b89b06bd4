package io.camgate.authz;

import java.util.List;

/**
 * The answer for one request: allowed or not, why, and which statements decided it, in
 * {@link StatementRef canonical order} without repeats. Root and implicit decisions name no
 * statements.
 *
 * @param allowed    whether the request may proceed
 * @param reason     why
 * @param statements the deciding statements
 */
public record Decision(boolean allowed, Reason reason, List<StatementRef> statements) {
    /** The root-owner allow. */
    public static final Decision ROOT = new Decision(true, Reason.ROOT, List.of());
    /** The deny when nothing matched. */
    public static final Decision IMPLICIT_DENY = new Decision(false, Reason.IMPLICIT_DENY, List.of());
}
