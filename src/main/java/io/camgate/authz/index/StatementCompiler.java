package io.camgate.authz.index;

import io.camgate.authz.Decision;
import io.camgate.authz.Matches;
import io.camgate.authz.StatementRef;
import io.camgate.authz.StatementRole;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.policy.ActionPattern;
import io.camgate.policy.ConditionClause;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.ResourcePattern;
import io.camgate.policy.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles statements into a {@link RuleSet.Builder}: feature sets expanded through the
 * directory, one {@link CompiledStatement} per resource pattern, policy variables substituted
 * (the caller is always known when a statement is compiled).
 */
final class StatementCompiler {
    /** Up to this many actions, a statement's repeats are found by comparing them pairwise. */
    private static final int FEW_ACTIONS = 8;

    private final Directory directory;
    /** One instance per distinct resource segment across everything this compiler builds. */
    private final Map<String, String> segments = new ConcurrentHashMap<>();

    StatementCompiler(Directory directory) {
        this.directory = directory;
    }

    private String canonical(String segment) {
        String known = segments.putIfAbsent(segment, segment);
        return known != null ? known : segment;
    }

    /**
     * Compiles {@code statement} for one known caller ({@code vars.callerUin()}, null for
     * anonymous) in {@code role}; {@code bucket} is the bucket of a bucket-policy statement
     * that a caller's set holds (it then speaks only for that bucket), else null.
     */
    void compile(Statement statement, StatementRef ref, PolicyVariables vars, StatementRole role, Bucket bucket,
            RuleSet.Builder into) {
        List<ConditionClause> conditions = new ArrayList<>(statement.conditions().size());
        for (ConditionClause c : statement.conditions()) {
            conditions.add(c.substituted(vars));
        }
        Statement substituted = conditions.equals(statement.conditions())
                ? statement
                : new Statement(statement.index(), statement.effect(), statement.actions(), statement.resources(),
                        List.copyOf(conditions), statement.principals());
        Decision alone = Matches.alone(ref);
        List<String> actions = null;
        for (ResourcePattern p : statement.resources()) {
            ResourcePattern resource = p.substituted(vars);
            // a pattern needing a variable without a value (${uin} for everyone) never matches
            if (resource != null) {
                actions = actions != null ? actions : actions(statement);
                into.add(new CompiledStatement(alone, role, bucket, substituted, resource, vars, this::canonical),
                        actions);
            }
        }
    }

    /** The normalized action patterns of the statement, feature sets replaced by their members, each once. */
    private List<String> actions(Statement statement) {
        List<String> out = new ArrayList<>(statement.actions().size());
        for (ActionPattern p : statement.actions()) {
            if (!p.isFeatureSet()) {
                out.add(p.normalized());
                continue;
            }
            for (ActionPattern member : directory.featureSet(p.featureSet()).orElse(List.of())) {
                // a feature set inside a feature set names no action, as in StatementMatcher
                if (!member.isFeatureSet()) {
                    out.add(member.normalized());
                }
            }
        }
        return withoutRepeats(out);
    }

    /**
     * {@code actions} without repeats, in order. A statement usually names one to three actions,
     * and this runs for every statement of every caller compiled: so a few are compared pairwise
     * (a hash set per statement cost more than the comparisons), many are hashed.
     */
    private static List<String> withoutRepeats(List<String> actions) {
        if (actions.size() > FEW_ACTIONS) {
            return new ArrayList<>(new LinkedHashSet<>(actions));
        }
        for (int i = actions.size() - 1; i > 0; i--) {
            if (actions.indexOf(actions.get(i)) < i) {
                actions.remove(i);
            }
        }
        return actions;
    }
}
