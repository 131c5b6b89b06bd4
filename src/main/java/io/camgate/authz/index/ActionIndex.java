package io.camgate.authz.index;

import io.camgate.authz.Matches;
import io.camgate.authz.StatementRole;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Glob;
import io.camgate.policy.ResourceName;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A group of compiled statements (one sub-user's policies, or the statements of a bucket
 * policy that name one principal), looked up by action and then by resource. Literal actions
 * of the {@link ActionTable} are found by their number in a short sorted array, other literal
 * actions in a map; wildcard patterns sit in a short side list, each with the table actions it
 * covers worked out at compile time, and are matched against an action outside the table only
 * when a request carries one.
 */
final class ActionIndex {
    /** The index with no statements. */
    static final ActionIndex EMPTY = new ActionIndex(new int[0], new ResourceTrie[0], Map.of(), new Wildcard[0]);

    private final int[] tableIds;
    private final ResourceTrie[] byTableId;
    private final Map<String, ResourceTrie> otherActions;
    private final Wildcard[] wildcards;

    private ActionIndex(int[] tableIds, ResourceTrie[] byTableId, Map<String, ResourceTrie> otherActions,
            Wildcard[] wildcards) {
        this.tableIds = tableIds;
        this.byTableId = byTableId;
        this.otherActions = otherActions;
        this.wildcards = wildcards;
    }

    /** Adds to {@code into} the statements that cover the action and the resource and apply. */
    void collect(ActionKey action, ResourceName resource, ConditionContext context, String callerUin,
            StatementRole role, Matches into) {
        ResourceTrie exact;
        if (action.id() >= 0) {
            int at = Arrays.binarySearch(tableIds, action.id());
            exact = at >= 0 ? byTableId[at] : null;
        } else {
            exact = otherActions.get(action.name());
        }
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

        /** The statements under one normalized action pattern, to which compiled resources are added. */
        ResourceTrie.Builder under(String normalizedPattern) {
            Map<String, ResourceTrie.Builder> map = Glob.isWildcard(normalizedPattern) ? wildcards : literal;
            return map.computeIfAbsent(normalizedPattern, p -> new ResourceTrie.Builder());
        }

        ActionIndex build() {
            if (literal.isEmpty() && wildcards.isEmpty()) {
                return EMPTY;
            }
            TreeMap<Integer, ResourceTrie> known = new TreeMap<>();
            Map<String, ResourceTrie> other = new HashMap<>();
            literal.forEach((action, trie) -> {
                ActionKey key = ActionTable.KNOWN.known(action);
                if (key != null) {
                    known.put(key.id(), trie.build());
                } else {
                    other.put(action, trie.build());
                }
            });
            Wildcard[] side = new Wildcard[wildcards.size()];
            int i = 0;
            for (Map.Entry<String, ResourceTrie.Builder> w : wildcards.entrySet()) {
                side[i++] = new Wildcard(w.getKey(), ActionTable.KNOWN.coverage(w.getKey()), w.getValue().build());
            }
            return new ActionIndex(known.keySet().stream().mapToInt(Integer::intValue).toArray(),
                    known.values().toArray(new ResourceTrie[0]), other.isEmpty() ? Map.of() : other, side);
        }
    }
}
