package io.camgate.authz.index;

import io.camgate.authz.Matches;
import io.camgate.authz.StatementRole;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Glob;
import io.camgate.policy.ResourceName;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A group of compiled statements (one sub-user's policies, or the statements of a bucket
 * policy that name one principal), looked up by action and then by resource. Literal action
 * patterns are hashed; wildcard patterns sit in a short side list, each with the table
 * actions it covers worked out at compile time, and are matched against an action outside
 * the table only when a request carries one.
 */
final class ActionIndex {
    /** The index with no statements. */
    static final ActionIndex EMPTY = new ActionIndex(Map.of(), new Wildcard[0]);

    private final Map<String, ResourceTrie> literal;
    private final Wildcard[] wildcards;

    private ActionIndex(Map<String, ResourceTrie> literal, Wildcard[] wildcards) {
        this.literal = literal;
        this.wildcards = wildcards;
    }

    /** Adds to {@code into} the statements that cover the action and the resource and apply. */
    void collect(ActionKey action, ResourceName resource, ConditionContext context, String callerUin,
            StatementRole role, Matches into) {
        ResourceTrie exact = literal.get(action.name());
        if (exact != null) {
            exact.collect(resource, context, callerUin, role, into);
        }
        for (Wildcard w : wildcards) {
            if (action.id() >= 0 ? action.coveredBy(w.coverage) : Glob.matches(w.pattern, action.name())) {
                w.statements.collect(resource, context, callerUin, role, into);
            }
        }
    }

    /** A wildcard action pattern with the table actions it covers and its statements. */
    private record Wildcard(String pattern, long[] coverage, ResourceTrie statements) {
    }

    /** Collects statements by action pattern, then freezes them. */
    static final class Builder {
        private final Map<String, ResourceTrie.Builder> literal = new HashMap<>();
        private final Map<String, ResourceTrie.Builder> wildcards = new LinkedHashMap<>();

        /** The statements under one normalized action pattern, to which resource patterns are added. */
        ResourceTrie.Builder under(String normalizedPattern) {
            Map<String, ResourceTrie.Builder> map = Glob.isWildcard(normalizedPattern) ? wildcards : literal;
            return map.computeIfAbsent(normalizedPattern, p -> new ResourceTrie.Builder());
        }

        ActionIndex build() {
            if (literal.isEmpty() && wildcards.isEmpty()) {
                return EMPTY;
            }
            Map<String, ResourceTrie> exact = new HashMap<>(Math.max(2, literal.size() * 4 / 3 + 1));
            literal.forEach((action, trie) -> exact.put(action, trie.build()));
            Wildcard[] side = new Wildcard[wildcards.size()];
            int i = 0;
            for (Map.Entry<String, ResourceTrie.Builder> w : wildcards.entrySet()) {
                side[i++] = new Wildcard(w.getKey(), ActionTable.KNOWN.coverage(w.getKey()), w.getValue().build());
            }
            return new ActionIndex(exact, side);
        }
    }
}
