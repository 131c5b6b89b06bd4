package io.camgate.authz.index;

import io.camgate.authz.Matches;
import io.camgate.identity.Bucket;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.ResourceName;

/** The compiled statements under one action of one {@link RuleSet}, looked up by resource. */
interface Candidates {
    /**
     * Adds to {@code into}, each in its own role, the statements whose pattern covers the
     * resource and that apply to a request to {@code bucket} (null when no known bucket holds the resource).
     */
    void collect(ResourceName resource, Bucket bucket, ConditionContext context, Matches into);

    /** The candidates for {@code statements}: a flat list when they are few, else a prefix trie. */
    static Candidates of(CompiledStatement[] statements) {
        if (statements.length <= PrefixList.MAXIMUM) {
            return new PrefixList(statements);
        }
        ResourceTrie.Builder trie = new ResourceTrie.Builder();
        for (CompiledStatement s : statements) {
            trie.add(s);
        }
        return trie.build();
    }
}
