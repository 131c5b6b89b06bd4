package io.camgate.lint;

/**
 * One lint finding.
 *
 * @param file       the policy file
 * @param pointer    JSON pointer to the element concerned; empty for the whole document
 * @param kind       what sort of finding, e.g. {@code unknown-action}
 * @param reason     what is wrong, in words a policy author can act on
 * @param suggestion what to write instead, or null when there is no single fix
 */
public record Finding(String file, String pointer, Kind kind, String reason, String suggestion) {
    /** The sorts of finding. */
    public enum Kind {
        /** An action name no operation of its service has: the pattern never matches. */
        UNKNOWN_ACTION("unknown-action"),
        /** A resource naming a bucket, account or region the directory does not have. */
        UNKNOWN_RESOURCE("unknown-resource"),
        /** An allow that an unconditional deny always overrides for everyone it speaks for. */
        SHADOWED_ALLOW("shadowed-allow"),
        /** A value of a query-derived condition key with characters COS compares percent-encoded. */
        UNENCODED_QUERY_VALUE("unencoded-query-value"),
        /** A wildcard in the bucket name: the resource reaches other buckets. */
        BUCKET_WILDCARD("bucket-wildcard"),
        /** A document at 90 % or more of its size limit. */
        NEAR_SIZE_LIMIT("near-size-limit");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name printed and used in JSON. */
        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return file + (pointer.isEmpty() ? "" : " at " + pointer) + ": " + kind.label() + ": " + reason
                + (suggestion == null ? "" : "\n  suggestion: " + suggestion);
    }
}
