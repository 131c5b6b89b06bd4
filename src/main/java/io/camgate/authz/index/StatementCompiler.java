package io.camgate.authz.index;

import io.camgate.authz.Decision;
import io.camgate.authz.Matches;
import io.camgate.authz.StatementRef;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles statements into an {@link ActionIndex.Builder}: feature sets expanded through the
 * directory, every action pattern given the statement's resource patterns, policy variables
 * substituted wherever their values are known at compile time.
 */
final class StatementCompiler {
    private static final String CALLER = "${uin}";

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

    /** Compiles {@code statement} for one known caller ({@code vars.callerUin()}, null for anonymous). */
    void compile(Statement statement, StatementRef ref, PolicyVariables vars, ActionIndex.Builder into) {
        List<ConditionClause> conditions = new ArrayList<>(statement.conditions().size());
        for (ConditionClause c : statement.conditions()) {
            conditions.add(c.substituted(vars));
        }
        Statement substituted = conditions.equals(statement.conditions())
                ? statement
                : new Statement(statement.index(), statement.effect(), statement.actions(), statement.resources(),
                        List.copyOf(conditions), statement.principals());
        Decision alone = Matches.alone(ref);
        List<CompiledStatement> compiled = new ArrayList<>(statement.resources().size());
        for (ResourcePattern p : statement.resources()) {
            ResourcePattern resource = p.substituted(vars);
            // a pattern needing a variable without a value (${uin} for everyone) never matches
            if (resource != null) {
                compiled.add(CompiledStatement.fixed(alone, substituted, resource, vars, this::canonical));
            }
        }
        add(statement, compiled, false, into);
    }

    /**
     * Compiles a bucket statement that several callers share: {@code ${uin}} stays for the
     * request to fill in, the owner's variables are known.
     */
    void compileForAnyCaller(Statement statement, StatementRef ref, String ownerUin, String appId,
            ActionIndex.Builder into) {
        PolicyVariables owner = new PolicyVariables(null, ownerUin, appId);
        if (!mentionsCaller(statement)) {
            compile(statement, ref, owner, into);
            return;
        }
        Decision alone = Matches.alone(ref);
        List<CompiledStatement> compiled = new ArrayList<>(statement.resources().size());
        for (ResourcePattern p : statement.resources()) {
            compiled.add(CompiledStatement.perCaller(alone, statement, p, owner));
        }
        add(statement, compiled, true, into);
    }

    private static boolean mentionsCaller(Statement statement) {
        for (ResourcePattern p : statement.resources()) {
            if (p.account().contains(CALLER) || p.resource().contains(CALLER)) {
                return true;
            }
        }
        for (ConditionClause c : statement.conditions()) {
            for (String v : c.values()) {
                if (v.contains(CALLER)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void add(Statement statement, List<CompiledStatement> compiled, boolean callerVariables,
            ActionIndex.Builder into) {
        if (compiled.isEmpty()) {
            return;
        }
        for (String action : actions(statement)) {
            ResourceTrie.Builder trie = into.under(action);
            for (CompiledStatement c : compiled) {
                trie.add(c, callerVariables);
            }
        }
    }

    /** The normalized action patterns of the statement, feature sets replaced by their members. */
    private Set<String> actions(Statement statement) {
        Set<String> out = new LinkedHashSet<>();
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
        return out;
    }
}
