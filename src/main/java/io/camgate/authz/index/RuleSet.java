package io.camgate.authz.index;

import io.camgate.authz.Matches;
import io.camgate.identity.Bucket;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Glob;
import io.camgate.policy.ResourceName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Every statement that can speak for one caller, compiled for it, in one flat table: for a
 * sub-user its attached policies and the bucket-policy statements naming it, its groups or its
 * root account, each {@link CompiledStatement} carrying its role (and its bucket); for a root
 * account the bucket statements naming it; for everyone, one bucket's statements for anyone.
 * A decision reads the request's action number in one array and then the {@link Candidates}
 * of exactly the statements that cover that action, all roles together: wildcard action
 * patterns are resolved against the {@link ActionTable} when the set is built, and actions
 * that share their statements share their candidates.
 *
 * <p>An action outside the table is matched against the statements' own patterns, one by
 * one: the classifier only produces table actions, so that path is for completeness.
 */
final class RuleSet {
    private static final Candidates[] NO_CANDIDATES = {};

    private final Principal principal;
    private final RootAccount home;
    /** By action number: 0 when no statement covers it, else 1 + its index in {@link #candidates}. */
    private final char[] candidatesOfAction;
    private final Candidates[] candidates;
    /** Action patterns that are not literal table actions, each with one statement it belongs to. */
    private final String[] otherPatterns;
    private final CompiledStatement[] otherStatements;

    private RuleSet(Principal principal, RootAccount home, char[] candidatesOfAction, Candidates[] candidates,
            String[] otherPatterns, CompiledStatement[] otherStatements) {
        this.principal = principal;
        this.home = home;
        this.candidatesOfAction = candidatesOfAction;
        this.candidates = candidates;
        this.otherPatterns = otherPatterns;
        this.otherStatements = otherStatements;
    }

    /** The caller this set was compiled for; null for a bucket's statements for everyone. */
    Principal principal() {
        return principal;
    }

    /** A sub-user caller's root account; null otherwise. */
    RootAccount home() {
        return home;
    }

    /** Adds to {@code into} the statements that cover the action and the resource and apply to a request to {@code bucket}. */
    void collect(ActionKey action, ResourceName resource, Bucket bucket, ConditionContext context, Matches into) {
        int id = action.id();
        if (id >= 0) {
            if (id < candidatesOfAction.length) {
                int at = candidatesOfAction[id];
                if (at != 0) {
                    candidates[at - 1].collect(resource, bucket, context, into);
                }
            }
            return;
        }
        String name = action.name();
        for (int i = 0; i < otherPatterns.length; i++) {
            String p = otherPatterns[i];
            if (Glob.isWildcard(p) ? Glob.matches(p, name) : p.equals(name)) {
                CompiledStatement s = otherStatements[i];
                if (s.applies(resource, bucket, 0, context)) {
                    into.add(s.role(), s.alone());
                }
            }
        }
    }

    /** Collects compiled statements with their action patterns, then freezes them into a set. */
    static final class Builder {
        private final List<CompiledStatement> statements = new ArrayList<>();
        private final List<Set<String>> actions = new ArrayList<>();

        /** Adds a statement under its normalized action patterns (feature sets already expanded). */
        void add(CompiledStatement statement, Set<String> normalizedActions) {
            statements.add(statement);
            actions.add(normalizedActions);
        }

        /** The set for {@code principal} (null: everyone) whose root account is {@code home} (null unless a sub-user). */
        RuleSet build(Principal principal, RootAccount home) {
            int count = statements.size();
            int words = (count + 63) >>> 6;
            int actionCount = ActionTable.KNOWN.size();
            // bit i of action a's words: statement i covers action a
            long[] covers = new long[actionCount * words];
            List<String> otherPatterns = new ArrayList<>();
            List<CompiledStatement> otherStatements = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                for (String pattern : actions.get(i)) {
                    ActionKey literal = Glob.isWildcard(pattern) ? null : ActionTable.KNOWN.known(pattern);
                    if (literal != null) {
                        covers[literal.id() * words + (i >>> 6)] |= 1L << i;
                        continue;
                    }
                    otherPatterns.add(pattern);
                    otherStatements.add(statements.get(i));
                    if (Glob.isWildcard(pattern)) {
                        long[] coverage = ActionTable.KNOWN.coverage(pattern);
                        for (int w = 0; w < coverage.length; w++) {
                            for (long bits = coverage[w]; bits != 0; bits &= bits - 1) {
                                int a = w * 64 + Long.numberOfTrailingZeros(bits);
                                covers[a * words + (i >>> 6)] |= 1L << i;
                            }
                        }
                    }
                }
            }
            char[] candidatesOfAction = new char[actionCount];
            List<Integer> firstActions = new ArrayList<>();
            int last = -1;
            for (int a = 0; a < actionCount; a++) {
                if (empty(covers, a * words, words)) {
                    continue;
                }
                last = a;
                int same = -1;
                for (int g = 0; g < firstActions.size() && same < 0; g++) {
                    int b = firstActions.get(g) * words;
                    if (Arrays.equals(covers, a * words, a * words + words, covers, b, b + words)) {
                        same = g;
                    }
                }
                if (same < 0) {
                    same = firstActions.size();
                    firstActions.add(a);
                }
                candidatesOfAction[a] = (char) (same + 1);
            }
            Candidates[] candidates = firstActions.isEmpty() ? NO_CANDIDATES : new Candidates[firstActions.size()];
            for (int g = 0; g < candidates.length; g++) {
                candidates[g] = Candidates.of(covering(covers, firstActions.get(g) * words));
            }
            return new RuleSet(principal, home, Arrays.copyOf(candidatesOfAction, last + 1), candidates,
                    otherPatterns.toArray(new String[0]), otherStatements.toArray(new CompiledStatement[0]));
        }

        private static boolean empty(long[] covers, int from, int words) {
            for (int w = 0; w < words; w++) {
                if (covers[from + w] != 0) {
                    return false;
                }
            }
            return true;
        }

        /** The statements whose bits are set in the words from {@code from}, in the order they were added. */
        private CompiledStatement[] covering(long[] covers, int from) {
            List<CompiledStatement> out = new ArrayList<>();
            for (int i = 0; i < statements.size(); i++) {
                if ((covers[from + (i >>> 6)] & (1L << i)) != 0) {
                    out.add(statements.get(i));
                }
            }
            return out.toArray(new CompiledStatement[0]);
        }
    }
}
