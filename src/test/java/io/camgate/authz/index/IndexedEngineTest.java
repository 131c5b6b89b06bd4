package io.camgate.authz.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.Decision;
import io.camgate.authz.Need;
import io.camgate.authz.PolicySet;
import io.camgate.authz.Reason;
import io.camgate.authz.ReferenceEvaluator;
import io.camgate.authz.Snapshot;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyParser;
import io.camgate.policy.ResourceName;
import io.camgate.testing.Trials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexedEngineTest {
    private static final Principal.SubUser ALICE = new Principal.SubUser("200001", "100001");
    private static final Principal.SubUser BOB = new Principal.SubUser("200002", "100001");

    private final Snapshot snapshot = new Snapshot(7, "test", new Directory(List.of(new RootAccount("100001", "1250000001",
            List.of(), List.of(
                    new SubUser(ALICE.uin(), "alice", "100001", List.of(), List.of("QcloudCOSReadOnlyAccess"), List.of()),
                    new SubUser(BOB.uin(), "bob", "100001", List.of(), List.of(), List.of())),
            List.of(), List.of(new Bucket("b-1250000001", "1250000001", "ap-x", "100001", null)))), Map.of()),
            new PolicySet(Map.of(), Map.of()));

    private static Need get(String key) {
        return new Need("cos:GetObject", ResourceName.parse("qcs::cos:ap-x:uid/1250000001:b-1250000001/" + key));
    }

    @Test
    void compilesASubUserOnceAndServesLaterDecisionsFromTheCache() {
        IndexedEngine engine = new IndexedEngine(snapshot);

        Decision first = engine.decide(ALICE, get("a.txt"), ConditionContext.EMPTY);
        Decision second = engine.decide(ALICE, get("b.txt"), ConditionContext.EMPTY);

        assertThat(first.reason()).isEqualTo(Reason.ALLOWED);
        assertThat(second).isSameAs(first);
        assertThat(engine.principalCacheStats().missCount()).isEqualTo(1);
        assertThat(engine.principalCacheStats().hitCount()).isEqualTo(1);
        assertThat(engine.compiledPrincipals()).isEqualTo(1);
    }

    @Test
    void compileAllCompilesEverySubUserAheadOfRequests() {
        IndexedEngine engine = new IndexedEngine(snapshot);

        engine.compileAll();

        assertThat(engine.compiledPrincipals()).isEqualTo(2);
        assertThat(engine.decide(BOB, get("a.txt"), ConditionContext.EMPTY)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aRequestNeedingSeveralActionsIsAllowedOnlyWhenEachIs() {
        IndexedEngine engine = new IndexedEngine(snapshot);
        Need put = new Need("cos:PutObject", get("copy.txt").resource());

        Decision copy = engine.decideAll(ALICE, List.of(put, get("a.txt")), ConditionContext.EMPTY);

        assertThat(copy.allowed()).isFalse();
        assertThat(copy.reason()).isEqualTo(Reason.IMPLICIT_DENY);
    }

    /**
     * A caller with more statements under one action than a packed list holds is looked up
     * through a prefix trie, and an action outside the table through the statements' own
     * patterns; both must decide as the reference does.
     */
    @Test
    void manyStatementsUnderOneActionAndActionsOutsideTheTableDecideAsTheReference() {
        Trials.run(200, random -> {
            List<String> statements = new ArrayList<>();
            for (int i = 0; i < RuleSet.LIST_LIMIT + 1 + random.nextInt(40); i++) {
                statements.add("{\"effect\":\"" + Trials.pick(random, "allow", "deny") + "\",\"action\":[\""
                        + Trials.pick(random, "cos:GetObject", "cos:GetObject", "cos:Get*", "cos:*Object*")
                        + "\"],\"resource\":[\"qcs::cos:ap-x:uid/1250000001:b-1250000001/" + key(random, true)
                        + "\"]}");
            }
            Principal carol = new Principal.SubUser("200003", "100001");
            Snapshot withCarol = withOnePolicy(carol, statements);
            IndexedEngine index = new IndexedEngine(withCarol);
            ReferenceEvaluator reference = new ReferenceEvaluator(withCarol);
            for (int r = 0; r < 50; r++) {
                Need need = new Need(Trials.pick(random, "cos:GetObject", "cos:PutObject", "cos:GetObjectX"),
                        ResourceName.parse("qcs::cos:ap-x:uid/1250000001:b-1250000001/" + key(random, false)));
                assertThat(index.decide(carol, need, ConditionContext.EMPTY))
                        .as("%s", need).isEqualTo(reference.decide(carol, need, ConditionContext.EMPTY));
            }
        });
    }

    /**
     * Prefixes are held one byte a character when every character of a caller's prefixes fits
     * in one, two bytes otherwise: keys with accented Latin-1 letters and with CJK characters,
     * in packed lists, must decide as the reference does either way.
     */
    @Test
    void prefixesBeyondLatin1DecideAsTheReference() {
        Trials.run(200, random -> {
            List<String> statements = new ArrayList<>();
            for (int i = 1 + random.nextInt(RuleSet.LIST_LIMIT); i > 0; i--) {
                statements.add("{\"effect\":\"" + Trials.pick(random, "allow", "deny")
                        + "\",\"action\":[\"cos:GetObject\"],\"resource\":[\"qcs::cos:ap-x:uid/1250000001:b-1250000001/"
                        + key(random, true, "报", "表", "é", "a", "/") + "\"]}");
            }
            Principal dave = new Principal.SubUser("200004", "100001");
            Snapshot withDave = withOnePolicy(dave, statements);
            IndexedEngine index = new IndexedEngine(withDave);
            ReferenceEvaluator reference = new ReferenceEvaluator(withDave);
            for (int r = 0; r < 50; r++) {
                Need need = get(key(random, false, "报", "表", "é", "a", "/"));
                assertThat(index.decide(dave, need, ConditionContext.EMPTY))
                        .as("%s", need).isEqualTo(reference.decide(dave, need, ConditionContext.EMPTY));
            }
        });
    }

    /** A snapshot whose only sub-user is {@code caller}, holding one policy of {@code statements}, over this test's bucket. */
    private Snapshot withOnePolicy(Principal caller, List<String> statements) throws PolicyException {
        PolicySet policies = new PolicySet(Map.of("p", PolicyParser.parse("p", "p", PolicyKind.USER,
                "{\"version\":\"2.0\",\"statement\":[" + String.join(",", statements) + "]}")), Map.of());
        return new Snapshot(1, "test", new Directory(List.of(new RootAccount("100001", "1250000001", List.of(),
                List.of(new SubUser(caller.uin(), "user" + caller.uin(), "100001", List.of(), List.of("p"), List.of())),
                List.of(), snapshot.directory().accounts().get(0).buckets())), Map.of()), policies);
    }

    /** A short key over a small alphabet, so that patterns and keys share prefixes; with stars when a pattern. */
    private static String key(Random random, boolean pattern) {
        return key(random, pattern, "a", "b", "ab", "/");
    }

    private static String key(Random random, boolean pattern, String... alphabet) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(7); i > 0; i--) {
            out.append(pattern && random.nextInt(5) == 0 ? "*" : Trials.pick(random, alphabet));
        }
        return out.toString();
    }
}
