package io.camgate.authz;

/**
 * The part a matching statement plays in a decision (DESIGN §3). Each role has one bit so
 * that {@link Matches} can combine roles without allocating.
 */
public enum StatementRole {
    /** A policy attached to the calling sub-user, directly or through one of its groups. */
    ATTACHED,
    /** A bucket-policy statement naming the calling sub-user or one of its groups. */
    NAMES_USER,
    /** A bucket-policy statement naming a root account: the caller, or the calling sub-user's root. */
    NAMES_ROOT,
    /** A bucket-policy statement for everyone, evaluated as if the request were anonymous. */
    ANYONE;

    /** This role's bit in a role mask. */
    public int bit() {
        return 1 << ordinal();
    }
}
