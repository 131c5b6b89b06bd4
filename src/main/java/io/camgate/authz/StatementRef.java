package io.camgate.authz;

import io.camgate.policy.Effect;
import java.util.Comparator;

/**
 * Names one statement that decided a request.
 *
 * @param source user policy or bucket policy
 * @param policy the policy name (for a bucket policy, the bucket's name)
 * @param index  the statement's position in the document, from 0
 * @param effect the statement's effect
 */
public record StatementRef(PolicySource source, String policy, int index, Effect effect)
        implements Comparable<StatementRef> {
    private static final Comparator<StatementRef> ORDER = Comparator.comparing(StatementRef::source)
            .thenComparing(StatementRef::policy)
            .thenComparingInt(StatementRef::index);

    /** Canonical order: user policies before bucket policies, then by name, then by index. */
    @Override
    public int compareTo(StatementRef other) {
        return ORDER.compare(this, other);
    }
}
