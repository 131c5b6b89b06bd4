package io.camgate.config;

import io.camgate.policy.PolicyProblem;
import java.util.List;
import java.util.Locale;

/**
 * What one reload did.
 *
 * @param result     published, rejected or refused
 * @param generation the current generation afterwards
 * @param revision   the current snapshot's revision afterwards
 * @param problems   why the directory was not published; empty when published
 */
public record ReloadOutcome(Result result, long generation, String revision, List<PolicyProblem> problems) {
    /** How a reload ended. */
    public enum Result {
        /** The new snapshot and settings are in force. */
        PUBLISHED,
        /** A file did not validate; the last good configuration stays. */
        REJECTED,
        /**
         * Valid, but camgate.yaml changes what only a restart can (a listener's address or TLS,
         * the signature rules, the admin token, the shadow directory); the last good
         * configuration stays, whole.
         */
        REFUSED;

        /** The lower-case name, for JSON and logs. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether a new snapshot was made current. */
    public boolean published() {
        return result == Result.PUBLISHED;
    }
}
