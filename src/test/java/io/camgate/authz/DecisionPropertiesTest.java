package io.camgate.authz;

import static io.camgate.authz.World.doc;
import static io.camgate.authz.World.forPrincipals;
import static io.camgate.authz.World.need;
import static io.camgate.authz.World.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Effect;
import io.camgate.testing.Trials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Properties every decision of the reference evaluator must have, on random policy sets over a
 * fixed directory: decisions are well formed, the root owner is always allowed, adding a deny
 * never allows more, adding an allow never allows less, and a request with several needs is
 * allowed exactly when each need is.
 */
class DecisionPropertiesTest {
    static final String PHOTOS = "photos-1250000001";
    static final String SHARED = "shared-1250000002";
    static final List<String> ACTIONS = List.of("cos:GetObject", "cos:PutObject", "name/cos:DeleteObject");
    static final List<String> ACTION_PATTERNS = List.of("cos:GetObject", "cos:PutObject", "cos:Get*", "cos:*Object",
            "*", "name/cos:DeleteObject");
    static final List<String> RESOURCE_PATTERNS = List.of("*", "qcs::cos:::" + PHOTOS + "/*",
            "qcs::cos:ap-guangzhou:uid/1250000001:*", "qcs::cos:ap-guangzhou:uid/1250000002:" + SHARED + "/a",
            "qcs::cos::uid/*:*/b/*", "qcs:::::*");
    static final List<String> PRINCIPALS = List.of("*", "qcs::cam::uin/100001:uin/200001",
            "qcs::cam::uin/100001:groupid/7", "qcs::cam::uin/100001:root", "qcs::cam::uin/100002:uin/100002",
            "qcs::cam::uin/100002:uin/300001", "qcs::cam::uin/100002:groupid/9", "qcs::cam::anonymous:anonymous");
    static final List<String> RESOURCES = List.of(object(PHOTOS, "a"), object(PHOTOS, "b/c"), object(SHARED, "a"),
            object(SHARED, "b/x"), "*", "qcs::cos:ap-guangzhou:uid/1259999999:ghost-1259999999/b/z");
    static final List<String> CALLERS = List.of("root:100001", "root:100002", "root:100003", "200001", "200002",
            "300001", "anonymous");

    /** One statement: effect, action, resource, and (in bucket policies) one principal. */
    record Spec(Effect effect, String action, String resource, String principal) {
        String json(boolean bucket) {
            String s = effect == Effect.ALLOW ? World.allow(action, resource) : World.deny(action, resource);
            return bucket ? forPrincipals(s, principal) : s;
        }
    }

    /** Statements for every policy slot: P1 (alice), G7 (group 7), D (dave), G9 (group 9), and both buckets. */
    record Policies(Map<String, List<Spec>> slots) {
        Policies with(String slot, Spec extra) {
            Map<String, List<Spec>> copy = new java.util.HashMap<>(slots);
            List<Spec> list = new ArrayList<>(copy.get(slot));
            list.add(extra);
            copy.put(slot, list);
            return new Policies(copy);
        }

        World world() {
            World w = new World()
                    .root("100001", "1250000001").bucket("100001", PHOTOS).bucket("100001", "private-1250000001")
                    .group("100001", "7", "G7").user("100001", "200001", "P1").member("200001", "7")
                    .user("100001", "200002")
                    .root("100002", "1250000002").bucket("100002", SHARED)
                    .group("100002", "9", "G9").user("100002", "300001", "D").member("300001", "9")
                    .root("100003", "1250000003");
            for (String p : List.of("P1", "G7", "D", "G9")) {
                w.policy(p, doc(slots.get(p).stream().map(s -> s.json(false)).toArray(String[]::new)));
            }
            for (String b : List.of(PHOTOS, SHARED)) {
                if (!slots.get(b).isEmpty()) {
                    w.bucketPolicy(b, doc(slots.get(b).stream().map(s -> s.json(true)).toArray(String[]::new)));
                }
            }
            return w;
        }
    }

    static Spec spec(Random random) {
        return new Spec(Trials.pick(random, Effect.values()), Trials.pick(random, ACTION_PATTERNS),
                Trials.pick(random, RESOURCE_PATTERNS), Trials.pick(random, PRINCIPALS));
    }

    static Policies policies(Random random) {
        Function<Random, List<Spec>> user = r -> Trials.list(r, 1, 3, DecisionPropertiesTest::spec);
        Function<Random, List<Spec>> bucket = r -> Trials.list(r, 0, 4, DecisionPropertiesTest::spec);
        return new Policies(Map.of("P1", user.apply(random), "G7", user.apply(random), "D", user.apply(random),
                "G9", user.apply(random), PHOTOS, bucket.apply(random), SHARED, bucket.apply(random)));
    }

    static String slot(Random random) {
        return Trials.pick(random, "P1", "G7", "D", "G9", PHOTOS, SHARED);
    }

    static Principal caller(World w, String spec) {
        if (spec.equals("anonymous")) {
            return World.anonymous();
        }
        return spec.startsWith("root:") ? w.rootCaller(spec.substring(5)) : w.user(spec);
    }

    /** Every (caller, action, resource) decision of a world. */
    static List<Decision> allDecisions(World w) {
        ReferenceEvaluator e = w.evaluator();
        List<Decision> out = new ArrayList<>();
        for (String c : CALLERS) {
            for (String a : ACTIONS) {
                for (String r : RESOURCES) {
                    out.add(e.decide(caller(w, c), need(a, r), ConditionContext.EMPTY));
                }
            }
        }
        return out;
    }

    @Test
    void decisionsAreWellFormed() {
        Trials.run(150, random -> decisionsAreWellFormed(policies(random)));
    }

    private static void decisionsAreWellFormed(Policies policies) {
        for (Decision d : allDecisions(policies.world())) {
            assertThat(d.allowed()).isEqualTo(d.reason() == Reason.ROOT || d.reason() == Reason.ALLOWED);
            switch (d.reason()) {
                case ROOT, IMPLICIT_DENY -> assertThat(d.statements()).isEmpty();
                case ALLOWED -> assertThat(d.statements()).isNotEmpty()
                        .allSatisfy(s -> assertThat(s.effect()).isEqualTo(Effect.ALLOW));
                case EXPLICIT_DENY -> assertThat(d.statements()).isNotEmpty()
                        .allSatisfy(s -> assertThat(s.effect()).isEqualTo(Effect.DENY));
                default -> throw new AssertionError(d);
            }
            for (int i = 1; i < d.statements().size(); i++) {
                assertThat(d.statements().get(i - 1)).isLessThan(d.statements().get(i));
            }
        }
    }

    @Test
    void theRootOwnerIsAlwaysAllowed() {
        Trials.run(100, random -> theRootOwnerIsAlwaysAllowed(policies(random)));
    }

    private static void theRootOwnerIsAlwaysAllowed(Policies policies) {
        World w = policies.world();
        for (String a : ACTIONS) {
            for (String r : List.of(object(PHOTOS, "a"), object("private-1250000001", "k"), "*")) {
                assertThat(w.decide(w.rootCaller("100001"), a, r)).isEqualTo(Decision.ROOT);
            }
        }
    }

    @Test
    void addingADenyNeverAllowsMore() {
        Trials.run(150, random -> {
            Policies policies = policies(random);
            Spec extra = spec(random);
            compare(policies, policies.with(slot(random), new Spec(Effect.DENY, extra.action(), extra.resource(),
                    extra.principal())), (before, after) -> !after.allowed() || before.allowed());
        });
    }

    @Test
    void addingAnAllowNeverAllowsLess() {
        Trials.run(150, random -> {
            Policies policies = policies(random);
            Spec extra = spec(random);
            compare(policies, policies.with(slot(random), new Spec(Effect.ALLOW, extra.action(), extra.resource(),
                    extra.principal())), (before, after) -> after.allowed() || !before.allowed());
        });
    }

    private static void compare(Policies before, Policies after,
            java.util.function.BiPredicate<Decision, Decision> holds) {
        List<Decision> b = allDecisions(before.world());
        List<Decision> a = allDecisions(after.world());
        for (int i = 0; i < b.size(); i++) {
            assertThat(holds.test(b.get(i), a.get(i))).as("request %d: %s then %s", i, b.get(i), a.get(i)).isTrue();
        }
    }

    @Test
    void severalNeedsAreAllowedExactlyWhenEachIs() {
        Trials.run(100, random -> severalNeedsAreAllowedExactlyWhenEachIs(policies(random)));
    }

    private static void severalNeedsAreAllowedExactlyWhenEachIs(Policies policies) {
        World w = policies.world();
        ReferenceEvaluator e = w.evaluator();
        Function<String, Principal> who = c -> caller(w, c);
        for (String c : CALLERS) {
            for (String r1 : RESOURCES) {
                for (String r2 : List.of(object(PHOTOS, "a"), object(SHARED, "b/x"))) {
                    Need put = need("cos:PutObject", r1);
                    Need get = need("cos:GetObject", r2);
                    Decision one = e.decide(who.apply(c), put, ConditionContext.EMPTY);
                    Decision two = e.decide(who.apply(c), get, ConditionContext.EMPTY);
                    Decision both = e.decideAll(who.apply(c), List.of(put, get), ConditionContext.EMPTY);
                    assertThat(both.allowed()).isEqualTo(one.allowed() && two.allowed());
                    if (!one.allowed()) {
                        assertThat(both).isEqualTo(one);
                    } else if (!two.allowed()) {
                        assertThat(both).isEqualTo(two);
                    }
                    assertThat(e.decideAll(who.apply(c), List.of(put), ConditionContext.EMPTY)).isEqualTo(one);
                }
            }
        }
    }
}
