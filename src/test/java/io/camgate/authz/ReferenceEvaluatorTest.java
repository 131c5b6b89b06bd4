package io.camgate.authz;

import static io.camgate.authz.World.allow;
import static io.camgate.authz.World.anonymous;
import static io.camgate.authz.World.bucketItself;
import static io.camgate.authz.World.bucketStatement;
import static io.camgate.authz.World.context;
import static io.camgate.authz.World.deny;
import static io.camgate.authz.World.doc;
import static io.camgate.authz.World.forPrincipals;
import static io.camgate.authz.World.need;
import static io.camgate.authz.World.object;
import static io.camgate.authz.World.userStatement;
import static io.camgate.authz.World.when;
import static io.camgate.policy.Effect.ALLOW;
import static io.camgate.policy.Effect.DENY;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.policy.ConditionContext;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decision semantics of DESIGN §3 on the reference evaluator. Two root accounts:
 * A (uin 100001, APPID 1250000001) owns the buckets {@code photos} and {@code private} and has
 * sub-users alice and bob; B (uin 100002, APPID 1250000002) owns {@code shared} and has the
 * sub-user dave. Root C (100003) owns nothing.
 */
class ReferenceEvaluatorTest {
    static final String A = "100001";
    static final String B = "100002";
    static final String C = "100003";
    static final String ALICE = "200001";
    static final String BOB = "200002";
    static final String DAVE = "300001";
    static final String READERS = "7";
    static final String B_TEAM = "9";
    static final String PHOTOS = "photos-1250000001";
    static final String PRIVATE = "private-1250000001";
    static final String SHARED = "shared-1250000002";
    static final String CAT = object(PHOTOS, "cats/tom.jpg");
    static final String GET = "name/cos:GetObject";
    static final String PUT = "name/cos:PutObject";

    static final String ROOT_A = "qcs::cam::uin/100001:uin/100001";
    static final String ROOT_B = "qcs::cam::uin/100002:uin/100002";
    static final String ROOT_B_SHORT = "qcs::cam::uin/100002:root";
    static final String ALICE_P = "qcs::cam::uin/100001:uin/200001";
    static final String READERS_P = "qcs::cam::uin/100001:groupid/7";
    static final String DAVE_P = "qcs::cam::uin/100002:uin/300001";
    static final String B_TEAM_P = "qcs::cam::uin/100002:groupid/9";
    static final String ANYONE = "qcs::cam::anyone:anyone";

    /** Root accounts and buckets; each test adds its users, groups and policies. */
    static World world() {
        return new World()
                .root(A, "1250000001").bucket(A, PHOTOS).bucket(A, PRIVATE)
                .root(B, "1250000002").bucket(B, SHARED)
                .root(C, "1250000003");
    }

    static void assertDecision(Decision d, boolean allowed, Reason reason, StatementRef... statements) {
        assertThat(d.allowed()).as("allowed").isEqualTo(allowed);
        assertThat(d.reason()).as("reason").isEqualTo(reason);
        assertThat(d.statements()).as("deciding statements").containsExactly(statements);
    }

    @Nested
    class RootOwner {
        @Test
        void theOwnerIsAllowedWithoutAnyPolicy() {
            World w = world();
            assertDecision(w.decide(w.rootCaller(A), GET, CAT), true, Reason.ROOT);
            assertDecision(w.decide(w.rootCaller(A), "cos:DeleteBucket", bucketItself(PRIVATE)), true, Reason.ROOT);
        }

        @Test
        void theOwnerIsAllowedEvenAgainstABucketPolicyDenyNamingIt() {
            World w = world().bucketPolicy(PHOTOS, doc(
                    forPrincipals(deny("*", "*"), ROOT_A),
                    forPrincipals(deny("*", "*"), ANYONE)));
            assertDecision(w.decide(w.rootCaller(A), PUT, CAT), true, Reason.ROOT);
        }

        @Test
        void theAccountlessStarCountsAsTheCallersOwn() {
            World w = world();
            assertDecision(w.decide(w.rootCaller(C), "cos:GetService", "*"), true, Reason.ROOT);
        }

        @Test
        void aRootIsNotTheOwnerOfAnotherAccountsResource() {
            World w = world();
            assertDecision(w.decide(w.rootCaller(B), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void aResourceOfAnAccountNotInTheDirectoryIsNobodysOwn() {
            World w = world();
            assertDecision(w.decide(w.rootCaller(A), GET,
                    "qcs::cos:ap-guangzhou:uid/1259999999:ghost-1259999999/a"), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void ownershipOfOtherServicesGoesByUin() {
            World w = world();
            assertDecision(w.decide(w.rootCaller(A), "cvm:RunInstances",
                    "qcs::cvm:ap-guangzhou:uin/100001:instance/ins-1"), true, Reason.ROOT);
            assertDecision(w.decide(w.rootCaller(B), "cvm:RunInstances",
                    "qcs::cvm:ap-guangzhou:uin/100001:instance/ins-1"), false, Reason.IMPLICIT_DENY);
        }
    }

    @Nested
    class SubUserInItsOwnAccount {
        @Test
        void nothingAttachedIsAnImplicitDeny() {
            World w = world().user(A, ALICE);
            assertDecision(w.decide(w.user(ALICE), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void aDirectlyAttachedAllow() {
            World w = world().user(A, ALICE, "ReadPhotos")
                    .policy("ReadPhotos", doc(allow("cos:GetObject", "qcs::cos:ap-guangzhou:uid/1250000001:" + PHOTOS + "/*")));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), true, Reason.ALLOWED,
                    userStatement("ReadPhotos", 0, ALLOW));
            assertDecision(w.decide(w.user(ALICE), PUT, CAT), false, Reason.IMPLICIT_DENY);
            assertDecision(w.decide(w.user(ALICE), GET, object(PRIVATE, "a")), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void anAllowThroughAGroup() {
            World w = world().group(A, READERS, "ReadAll").user(A, ALICE).member(ALICE, READERS).user(A, BOB)
                    .policy("ReadAll", doc(allow("cos:Get*", "*")));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), true, Reason.ALLOWED, userStatement("ReadAll", 0, ALLOW));
            assertDecision(w.decide(w.user(BOB), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void anEmptyAccountInAUserPolicyIsTheUsersOwnAccount() {
            World w = world().user(A, ALICE, "ReadPhotos").user(B, DAVE, "ReadPhotos")
                    .policy("ReadPhotos", doc(allow("cos:GetObject", "qcs::cos:ap-guangzhou::" + PHOTOS + "/*")));
            assertThat(w.decide(w.user(ALICE), GET, CAT).allowed()).isTrue();
            w.bucketPolicy(PHOTOS, doc(forPrincipals(allow("*", "*"), DAVE_P)));
            assertDecision(w.decide(w.user(DAVE), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void policyVariablesInAUserPolicyResource() {
            World w = world().user(A, ALICE, "Mine").user(B, DAVE, "Mine")
                    .policy("Mine", doc(allow("cos:*", "qcs::cos:ap-guangzhou:uid/${app_id}:photos-${app_id}/*")));
            assertThat(w.decide(w.user(ALICE), GET, CAT).allowed()).isTrue();
            assertThat(w.decide(w.user(DAVE), GET, object("photos-1250000002", "x")).allowed()).isTrue();
            w.bucketPolicy(PHOTOS, doc(forPrincipals(allow("*", "*"), DAVE_P)));
            assertThat(w.decide(w.user(DAVE), GET, CAT).allowed()).isFalse();
        }

        @Test
        void denyBeatsAllowInsideOnePolicy() {
            World w = world().user(A, ALICE, "Mixed").policy("Mixed", doc(
                    allow("cos:*", "*"),
                    deny("cos:GetObject", "qcs::cos:ap-guangzhou:uid/1250000001:" + PHOTOS + "/cats/*")));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), false, Reason.EXPLICIT_DENY,
                    userStatement("Mixed", 1, DENY));
            assertDecision(w.decide(w.user(ALICE), GET, object(PHOTOS, "dogs/rex.jpg")), true, Reason.ALLOWED,
                    userStatement("Mixed", 0, ALLOW));
        }

        @Test
        void denyBeatsAllowAcrossDirectAndGroupPolicies() {
            World w = world().group(A, READERS, "NoCats").user(A, ALICE, "All").member(ALICE, READERS)
                    .policy("All", doc(allow("*", "*")))
                    .policy("NoCats", doc(deny("*", "qcs::cos:::" + PHOTOS + "/cats/*")));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), false, Reason.EXPLICIT_DENY,
                    userStatement("NoCats", 0, DENY));
        }

        @Test
        void aBucketPolicyNamingTheUserOrItsGroupSpeaksForIt() {
            World w = world().group(A, READERS).user(A, ALICE).member(ALICE, READERS).user(A, BOB)
                    .bucketPolicy(PHOTOS, doc(
                            forPrincipals(allow("cos:GetObject", "*"), ALICE_P),
                            forPrincipals(allow("cos:HeadObject", "*"), READERS_P)));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), true, Reason.ALLOWED, bucketStatement(PHOTOS, 0, ALLOW));
            assertDecision(w.decide(w.user(ALICE), "cos:HeadObject", CAT), true, Reason.ALLOWED,
                    bucketStatement(PHOTOS, 1, ALLOW));
            assertDecision(w.decide(w.user(BOB), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void aBucketPolicyDenyNamingTheUserBeatsItsOwnAllow() {
            World w = world().user(A, ALICE, "All").policy("All", doc(allow("*", "*")))
                    .bucketPolicy(PHOTOS, doc(forPrincipals(deny("cos:PutObject", "*"), ALICE_P)));
            assertDecision(w.decide(w.user(ALICE), PUT, CAT), false, Reason.EXPLICIT_DENY,
                    bucketStatement(PHOTOS, 0, DENY));
            assertThat(w.decide(w.user(ALICE), GET, CAT).allowed()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {ROOT_A, "qcs::cam::uin/100001:root"})
        void aBucketPolicyAllowNamingTheRootDoesNotSpeakForItsSubUsers(String root) {
            World w = world().user(A, ALICE).bucketPolicy(PHOTOS, doc(forPrincipals(allow("*", "*"), root)));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @ParameterizedTest
        @ValueSource(strings = {ROOT_A, "qcs::cam::uin/100001:root"})
        void aBucketPolicyDenyNamingTheRootBindsItsSubUsers(String root) {
            World w = world().user(A, ALICE, "All").policy("All", doc(allow("*", "*")))
                    .bucketPolicy(PHOTOS, doc(forPrincipals(deny("cos:GetObject", "*"), root)));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), false, Reason.EXPLICIT_DENY,
                    bucketStatement(PHOTOS, 0, DENY));
        }

        @Test
        void statementsNamingSomeoneElseDoNotApply() {
            World w = world().group(A, READERS).user(A, ALICE, "All").user(A, BOB)
                    .policy("All", doc(allow("*", "*")))
                    .bucketPolicy(PHOTOS, doc(
                            forPrincipals(deny("*", "*"), "qcs::cam::uin/100001:uin/200002"),
                            forPrincipals(deny("*", "*"), READERS_P),
                            forPrincipals(deny("*", "*"), "qcs::cam::uin/100002:uin/200001"),
                            forPrincipals(deny("*", "*"), "qcs::cam::uin/100002:groupid/7"),
                            forPrincipals(deny("*", "*"), ROOT_B)));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), true, Reason.ALLOWED, userStatement("All", 0, ALLOW));
        }

        @Test
        void theGetServiceResourceIsTheUsersOwn() {
            World w = world().user(A, ALICE, "List").policy("List", doc(allow("cos:GetService", "*")));
            assertDecision(w.decide(w.user(ALICE), "cos:GetService", "*"), true, Reason.ALLOWED,
                    userStatement("List", 0, ALLOW));
        }

        @Test
        void aStatementOnlyForSpecificResourcesNeverMatchesTheAccountlessStar() {
            World w = world().user(A, ALICE, "List").policy("List", doc(allow("cos:GetService", "qcs:::::*")));
            assertDecision(w.decide(w.user(ALICE), "cos:GetService", "*"), false, Reason.IMPLICIT_DENY);
        }
    }

    @Nested
    class AnonymousPath {
        @ParameterizedTest
        @ValueSource(strings = {"qcs::cam::anonymous:anonymous", "qcs::cam::anyone:anyone", "*"})
        void everyFormOfEveryoneAllowsAnUnsignedRequest(String everyone) {
            World w = world().bucketPolicy(PHOTOS, doc(forPrincipals(allow("cos:GetObject", "*"), everyone)));
            assertDecision(w.decide(anonymous(), GET, CAT), true, Reason.ALLOWED, bucketStatement(PHOTOS, 0, ALLOW));
            assertDecision(w.decide(anonymous(), PUT, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void principalStarWrittenPlainlyOnTheDocument() {
            World w = world().bucketPolicy(PHOTOS, """
                    {"version":"2.0","principal":"*","statement":{"effect":"allow","action":"cos:GetObject","resource":"*"}}""");
            assertThat(w.decide(anonymous(), GET, CAT).allowed()).isTrue();
        }

        @Test
        void theStatementsPrincipalWinsOverTheDocumentsOnTheAnonymousPath() {
            World w = world().user(A, ALICE).bucketPolicy(PHOTOS, """
                    {"version":"2.0","principal":"*","statement":[
                      {"principal":{"qcs":["qcs::cam::uin/100001:uin/200001"]},"effect":"allow","action":"cos:PutObject","resource":"*"},
                      {"effect":"allow","action":"cos:GetObject","resource":"*"}]}""");
            assertDecision(w.decide(anonymous(), PUT, CAT), false, Reason.IMPLICIT_DENY);
            assertDecision(w.decide(anonymous(), GET, CAT), true, Reason.ALLOWED, bucketStatement(PHOTOS, 1, ALLOW));
            assertDecision(w.decide(w.user(ALICE), PUT, CAT), true, Reason.ALLOWED, bucketStatement(PHOTOS, 0, ALLOW));
        }

        @Test
        void aCiResourceConsultsThePolicyOfItsBucket() {
            World w = world().bucketPolicy(PHOTOS, doc(forPrincipals(allow("ci:*", "*"), ANYONE)));
            assertDecision(w.decide(anonymous(), "ci:DescribeMediaJobs",
                    "qcs::ci:ap-guangzhou:uid/1250000001:bucket/" + PHOTOS + "/job/1"), true, Reason.ALLOWED,
                    bucketStatement(PHOTOS, 0, ALLOW));
            assertDecision(w.decide(anonymous(), "ci:DescribeMediaJobs",
                    "qcs::ci:ap-guangzhou:uid/1250000001:bucket/" + PRIVATE + "/job/1"), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void anUnsignedRequestForTheAccountlessStarHasNoBucketPolicyToConsult() {
            World w = world().bucketPolicy(PHOTOS, doc(forPrincipals(allow("*", "*"), ANYONE)));
            assertDecision(w.decide(anonymous(), "cos:GetService", "*"), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void anUnsignedRequestIgnoresUserPoliciesAndNamedStatements() {
            World w = world().user(A, ALICE, "All").policy("All", doc(allow("*", "*")))
                    .bucketPolicy(PHOTOS, doc(forPrincipals(allow("*", "*"), ALICE_P, ROOT_A, ROOT_B)));
            assertDecision(w.decide(anonymous(), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void denyAnyoneBlocksWhatTheIdentityPathDidNotAllow() {
            World w = world().user(A, ALICE, "All").user(A, BOB).user(B, DAVE)
                    .policy("All", doc(allow("*", "*")))
                    .bucketPolicy(PHOTOS, doc(
                            forPrincipals(allow("cos:GetObject", "*"), ANYONE),
                            forPrincipals(deny("cos:GetObject", "*"), ANYONE)));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), true, Reason.ALLOWED, userStatement("All", 0, ALLOW));
            assertDecision(w.decide(w.user(BOB), GET, CAT), false, Reason.EXPLICIT_DENY,
                    bucketStatement(PHOTOS, 1, DENY));
            assertDecision(w.decide(anonymous(), GET, CAT), false, Reason.EXPLICIT_DENY,
                    bucketStatement(PHOTOS, 1, DENY));
            assertDecision(w.decide(w.rootCaller(B), GET, CAT), false, Reason.EXPLICIT_DENY,
                    bucketStatement(PHOTOS, 1, DENY));
        }

        @Test
        void allowAnyoneAlsoServesSignedCallersWithoutAnIdentityAllow() {
            World w = world().user(A, BOB).user(B, DAVE)
                    .bucketPolicy(PHOTOS, doc(forPrincipals(allow("cos:GetObject", "*"), ANYONE)));
            assertDecision(w.decide(w.user(BOB), GET, CAT), true, Reason.ALLOWED, bucketStatement(PHOTOS, 0, ALLOW));
            assertDecision(w.decide(w.user(DAVE), GET, CAT), true, Reason.ALLOWED, bucketStatement(PHOTOS, 0, ALLOW));
            assertDecision(w.decide(w.rootCaller(C), GET, CAT), true, Reason.ALLOWED, bucketStatement(PHOTOS, 0, ALLOW));
        }

        @Test
        void anIdentityDenyIsNotRescuedByAllowAnyone() {
            World w = world().user(A, ALICE, "NoGet").policy("NoGet", doc(deny("cos:GetObject", "*")))
                    .bucketPolicy(PHOTOS, doc(forPrincipals(allow("cos:GetObject", "*"), ANYONE)));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), false, Reason.EXPLICIT_DENY,
                    userStatement("NoGet", 0, DENY));
        }

        @Test
        void aBucketPolicyIsConsultedOnlyForItsOwnBucket() {
            World w = world().bucketPolicy(PHOTOS, doc(
                    forPrincipals(allow("*", "qcs::cos:ap-guangzhou:uid/1250000001:*"), ANYONE)));
            assertThat(w.decide(anonymous(), GET, CAT).allowed()).isTrue();
            assertDecision(w.decide(anonymous(), GET, object(PRIVATE, "a")), false, Reason.IMPLICIT_DENY);
            assertDecision(w.decide(anonymous(), GET, object(SHARED, "a")), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void aBucketPolicyIsNotConsultedWhenTheResourceNamesAnotherAccountForTheBucket() {
            World w = world().bucketPolicy(PHOTOS, doc(forPrincipals(allow("*", "*"), ANYONE)));
            assertDecision(w.decide(anonymous(), GET, "qcs::cos:ap-guangzhou:uid/1250000002:" + PHOTOS + "/a"),
                    false, Reason.IMPLICIT_DENY);
        }

        @Test
        void anEmptyAccountInABucketPolicyIsTheBucketOwners() {
            World w = world().bucketPolicy(PHOTOS, doc(
                    forPrincipals(allow("cos:GetObject", "qcs::cos:ap-guangzhou::" + PHOTOS + "/*"), ANYONE)));
            assertThat(w.decide(anonymous(), GET, CAT).allowed()).isTrue();
        }

        @Test
        void theBucketLevelResourceIsCoveredBySlashStar() {
            World w = world().bucketPolicy(PHOTOS, doc(
                    forPrincipals(allow("cos:GetBucket", "qcs::cos:ap-guangzhou:uid/1250000001:" + PHOTOS + "/*"), ANYONE)));
            assertThat(w.decide(anonymous(), "cos:GetBucket", bucketItself(PHOTOS)).allowed()).isTrue();
        }
    }

    @Nested
    class AnotherRootAccount {
        @ParameterizedTest
        @ValueSource(strings = {ROOT_B, ROOT_B_SHORT})
        void isAllowedOnlyThroughABucketPolicyNamingIt(String rootB) {
            World w = world().bucketPolicy(PHOTOS, doc(forPrincipals(allow("cos:GetObject", "*"), rootB)));
            assertDecision(w.decide(w.rootCaller(B), GET, CAT), true, Reason.ALLOWED, bucketStatement(PHOTOS, 0, ALLOW));
            assertDecision(w.decide(w.rootCaller(B), PUT, CAT), false, Reason.IMPLICIT_DENY);
            assertDecision(w.decide(w.rootCaller(C), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void aDenyNamingItBeatsAnAllowForEveryone() {
            World w = world().bucketPolicy(PHOTOS, doc(
                    forPrincipals(allow("*", "*"), ANYONE),
                    forPrincipals(deny("cos:PutObject", "*"), ROOT_B_SHORT)));
            assertDecision(w.decide(w.rootCaller(B), PUT, CAT), false, Reason.EXPLICIT_DENY,
                    bucketStatement(PHOTOS, 1, DENY));
            assertDecision(w.decide(w.rootCaller(C), PUT, CAT), true, Reason.ALLOWED, bucketStatement(PHOTOS, 0, ALLOW));
        }

        @Test
        void aStatementNamingOneOfItsSubUsersOrGroupsDoesNotSpeakForTheRoot() {
            World w = world().group(B, B_TEAM).user(B, DAVE).bucketPolicy(PHOTOS, doc(
                    forPrincipals(allow("*", "*"), DAVE_P, B_TEAM_P)));
            assertDecision(w.decide(w.rootCaller(B), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void userPoliciesNeverSpeakForARoot() {
            World w = world().group(B, B_TEAM, "All").user(B, DAVE, "All").policy("All", doc(allow("*", "*")));
            assertDecision(w.decide(w.rootCaller(B), GET, CAT), false, Reason.IMPLICIT_DENY);
        }
    }

    @Nested
    class CrossAccountSubUser {
        /** Dave (sub-user of B) with an allow on every object, and his team. */
        World daveWithOwnAllow() {
            return world().group(B, B_TEAM).user(B, DAVE, "Anything").member(DAVE, B_TEAM)
                    .policy("Anything", doc(allow("cos:*", "*")));
        }

        @Test
        void itsOwnAllowAloneIsNotEnough() {
            World w = daveWithOwnAllow();
            assertDecision(w.decide(w.user(DAVE), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void theBucketsGrantAloneIsNotEnough() {
            World w = world().user(B, DAVE).bucketPolicy(PHOTOS, doc(forPrincipals(allow("*", "*"), DAVE_P)));
            assertDecision(w.decide(w.user(DAVE), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void anAllowNamingItsRootWithoutItsOwnAllowIsNotEnough() {
            World w = world().user(B, DAVE).bucketPolicy(PHOTOS, doc(forPrincipals(allow("*", "*"), ROOT_B)));
            assertDecision(w.decide(w.user(DAVE), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @ParameterizedTest
        @ValueSource(strings = {DAVE_P, B_TEAM_P, ROOT_B, ROOT_B_SHORT})
        void itsOwnAllowAndTheBucketsGrantToItItsGroupOrItsRoot(String grantee) {
            World w = daveWithOwnAllow().bucketPolicy(PHOTOS, doc(
                    forPrincipals(allow("cos:GetObject", "*"), grantee)));
            assertDecision(w.decide(w.user(DAVE), GET, CAT), true, Reason.ALLOWED,
                    userStatement("Anything", 0, ALLOW), bucketStatement(PHOTOS, 0, ALLOW));
            assertDecision(w.decide(w.user(DAVE), PUT, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void itsOwnAllowMayComeThroughItsGroup() {
            World w = world().group(B, B_TEAM, "TeamRead").user(B, DAVE).member(DAVE, B_TEAM)
                    .policy("TeamRead", doc(allow("cos:GetObject", "qcs::cos:ap-guangzhou:uid/1250000001:*")))
                    .bucketPolicy(PHOTOS, doc(forPrincipals(allow("cos:GetObject", "*"), DAVE_P)));
            assertDecision(w.decide(w.user(DAVE), GET, CAT), true, Reason.ALLOWED,
                    userStatement("TeamRead", 0, ALLOW), bucketStatement(PHOTOS, 0, ALLOW));
        }

        @Test
        void itsOwnAllowMustCoverTheOtherAccountsResource() {
            World w = world().user(B, DAVE, "OwnBuckets")
                    .policy("OwnBuckets", doc(allow("cos:*", "qcs::cos:ap-guangzhou::*")))
                    .bucketPolicy(PHOTOS, doc(forPrincipals(allow("cos:GetObject", "*"), DAVE_P)));
            assertDecision(w.decide(w.user(DAVE), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void aBucketDenyNamingItsRootBindsIt() {
            World w = daveWithOwnAllow().bucketPolicy(PHOTOS, doc(
                    forPrincipals(allow("cos:GetObject", "*"), DAVE_P),
                    forPrincipals(deny("cos:GetObject", "*"), ROOT_B_SHORT)));
            assertDecision(w.decide(w.user(DAVE), GET, CAT), false, Reason.EXPLICIT_DENY,
                    bucketStatement(PHOTOS, 1, DENY));
        }

        @Test
        void itsOwnDenyBeatsTheBucketsGrant() {
            World w = daveWithOwnAllow().policy("Anything", doc(allow("cos:*", "*"), deny("cos:GetObject", "*")))
                    .bucketPolicy(PHOTOS, doc(forPrincipals(allow("cos:GetObject", "*"), DAVE_P)));
            assertDecision(w.decide(w.user(DAVE), GET, CAT), false, Reason.EXPLICIT_DENY,
                    userStatement("Anything", 1, DENY));
        }

        @Test
        void anAllowForEveryoneStillServesItOnTheAnonymousPath() {
            World w = world().user(B, DAVE).bucketPolicy(PHOTOS, doc(forPrincipals(allow("cos:GetObject", "*"), ANYONE)));
            assertDecision(w.decide(w.user(DAVE), GET, CAT), true, Reason.ALLOWED, bucketStatement(PHOTOS, 0, ALLOW));
        }

        @Test
        void aGrantInAnotherBucketsPolicyDoesNotCount() {
            World w = daveWithOwnAllow().bucketPolicy(PRIVATE, doc(forPrincipals(allow("*", "*"), DAVE_P)));
            assertDecision(w.decide(w.user(DAVE), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void aResourceOfAnAccountNotInTheDirectoryIsAnotherAccounts() {
            World w = daveWithOwnAllow();
            assertDecision(w.decide(w.user(DAVE), GET, "qcs::cos:ap-guangzhou:uid/1259999999:ghost-1259999999/a"),
                    false, Reason.IMPLICIT_DENY);
        }

        @Test
        void itsOwnAccountsResourcesNeedNoGrant() {
            World w = daveWithOwnAllow();
            assertDecision(w.decide(w.user(DAVE), GET, object(SHARED, "a")), true, Reason.ALLOWED,
                    userStatement("Anything", 0, ALLOW));
        }

        @Test
        void theAccountlessStarIsItsOwn() {
            World w = daveWithOwnAllow();
            assertDecision(w.decide(w.user(DAVE), "cos:GetService", "*"), true, Reason.ALLOWED,
                    userStatement("Anything", 0, ALLOW));
        }
    }

    @Nested
    class Conditions {
        static final ConditionContext BAD_IP = context("qcs:ip", "not-an-ip");

        @Test
        void anUnreadableValueMakesADenyMatch() {
            World w = world().user(A, ALICE, "P").policy("P", doc(
                    allow("*", "*"),
                    when(deny("*", "*"), "{\"ip_not_equal\":{\"qcs:ip\":\"10.0.0.0/8\"}}")));
            assertDecision(w.decide(w.user(ALICE), GET, CAT, BAD_IP), false, Reason.EXPLICIT_DENY,
                    userStatement("P", 1, DENY));
            assertThat(w.decide(w.user(ALICE), GET, CAT, context("qcs:ip", "10.1.2.3")).allowed()).isTrue();
            assertThat(w.decide(w.user(ALICE), GET, CAT, context("qcs:ip", "11.1.2.3")).allowed()).isFalse();
        }

        @Test
        void anUnreadableValueMakesAnAllowNotMatch() {
            World w = world().user(A, ALICE, "P").policy("P", doc(
                    when(allow("*", "*"), "{\"ip_equal\":{\"qcs:ip\":\"10.0.0.0/8\"}}")));
            assertDecision(w.decide(w.user(ALICE), GET, CAT, BAD_IP), false, Reason.IMPLICIT_DENY);
            assertThat(w.decide(w.user(ALICE), GET, CAT, context("qcs:ip", "10.1.2.3")).allowed()).isTrue();
        }

        @Test
        void anErrorAnywhereDecidesTheWholeStatement() {
            String falseAndError = "{\"string_equal\":{\"cos:prefix\":\"never\"},\"ip_equal\":{\"qcs:ip\":\"10.0.0.0/8\"}}";
            String trueAndError = "{\"string_equal\":{\"cos:prefix\":\"docs/\"},\"ip_equal\":{\"qcs:ip\":\"10.0.0.0/8\"}}";
            ConditionContext ctx = context("cos:prefix", "docs/", "qcs:ip", "10.0.0.1/8");
            World denying = world().user(A, ALICE, "P").policy("P", doc(allow("*", "*"), when(deny("*", "*"), falseAndError)));
            assertThat(denying.decide(denying.user(ALICE), GET, CAT, ctx).reason()).isEqualTo(Reason.EXPLICIT_DENY);
            World allowing = world().user(A, ALICE, "P").policy("P", doc(when(allow("*", "*"), trueAndError)));
            assertThat(allowing.decide(allowing.user(ALICE), GET, CAT, ctx).reason()).isEqualTo(Reason.IMPLICIT_DENY);
        }

        @Test
        void anUnreadableValueOnTheAnonymousPathDenies() {
            World w = world().bucketPolicy(PHOTOS, doc(
                    forPrincipals(allow("*", "*"), ANYONE),
                    forPrincipals(when(deny("*", "*"), "{\"bool_equal\":{\"cos:secure-transport\":\"false\"}}"), ANYONE)));
            assertThat(w.decide(anonymous(), GET, CAT, context("cos:secure-transport", "true")).allowed()).isTrue();
            assertDecision(w.decide(anonymous(), GET, CAT, context("cos:secure-transport", "yes")), false,
                    Reason.EXPLICIT_DENY, bucketStatement(PHOTOS, 1, DENY));
        }

        @Test
        void uinInAConditionIsTheCaller() {
            World w = world().user(A, ALICE).user(A, BOB).bucketPolicy(PHOTOS, doc(forPrincipals(
                    when(allow("cos:GetBucket", "*"), "{\"string_like\":{\"cos:prefix\":\"home/${uin}/*\"}}"),
                    ALICE_P, "qcs::cam::uin/100001:uin/200002")));
            String bucket = bucketItself(PHOTOS);
            assertThat(w.decide(w.user(ALICE), "cos:GetBucket", bucket, context("cos:prefix", "home/200001/x")).allowed())
                    .isTrue();
            assertThat(w.decide(w.user(BOB), "cos:GetBucket", bucket, context("cos:prefix", "home/200001/x")).allowed())
                    .isFalse();
            assertThat(w.decide(w.user(BOB), "cos:GetBucket", bucket, context("cos:prefix", "home/200002/")).allowed())
                    .isTrue();
        }
    }

    @Nested
    class Actions {
        @Test
        void aFeatureSetStandsForItsActions() {
            World w = world().featureSet("280649", "cos:GetObject", "cos:Head*").user(A, ALICE, "Perm")
                    .policy("Perm", doc(allow("permid/280649", "*")));
            assertThat(w.decide(w.user(ALICE), GET, CAT).allowed()).isTrue();
            assertThat(w.decide(w.user(ALICE), "cos:HeadObject", CAT).allowed()).isTrue();
            assertThat(w.decide(w.user(ALICE), "COS:HEADBUCKET", bucketItself(PHOTOS)).allowed()).isTrue();
            assertThat(w.decide(w.user(ALICE), PUT, CAT).allowed()).isFalse();
        }

        @Test
        void anUnknownFeatureSetGrantsNothing() {
            World w = world().featureSet("280649", "*").user(A, ALICE, "Perm")
                    .policy("Perm", doc(allow("permid/999", "*")));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), false, Reason.IMPLICIT_DENY);
        }

        @Test
        void aFeatureSetInADeny() {
            World w = world().featureSet("12", "cos:Put*").user(A, ALICE, "P")
                    .policy("P", doc(allow("*", "*"), deny("permid/12", "*")));
            assertThat(w.decide(w.user(ALICE), GET, CAT).allowed()).isTrue();
            assertDecision(w.decide(w.user(ALICE), PUT, CAT), false, Reason.EXPLICIT_DENY, userStatement("P", 1, DENY));
        }

        @Test
        void requestActionsCompareIgnoringCaseAndTheNamePrefix() {
            World w = world().user(A, ALICE, "P").policy("P", doc(allow("name/cos:GetObject", "*")));
            assertThat(w.decide(w.user(ALICE), "cos:getobject", CAT).allowed()).isTrue();
            assertThat(w.decide(w.user(ALICE), "NAME/COS:GETOBJECT", CAT).allowed()).isTrue();
        }
    }

    @Nested
    class DecidingStatements {
        @Test
        void areListedInCanonicalOrderWithoutRepeats() {
            World w = world().group(A, READERS, "Zeta", "Alpha").user(A, ALICE, "Zeta", "Alpha")
                    .member(ALICE, READERS)
                    .policy("Zeta", doc(allow("cos:GetObject", "*")))
                    .policy("Alpha", doc(allow("cos:Get*", "*"), allow("cos:PutObject", "*"), allow("*", "*")))
                    .bucketPolicy(PHOTOS, doc(
                            forPrincipals(allow("*", "*"), ANYONE),
                            forPrincipals(allow("cos:GetObject", "*"), READERS_P),
                            forPrincipals(allow("cos:GetObject", "*"), ALICE_P, READERS_P)));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), true, Reason.ALLOWED,
                    userStatement("Alpha", 0, ALLOW), userStatement("Alpha", 2, ALLOW),
                    userStatement("Zeta", 0, ALLOW),
                    bucketStatement(PHOTOS, 1, ALLOW), bucketStatement(PHOTOS, 2, ALLOW));
        }

        @Test
        void aDenyNamesOnlyTheDenyingStatements() {
            World w = world().user(A, ALICE, "B", "A").policy("A", doc(allow("*", "*"), deny("*", "*")))
                    .policy("B", doc(deny("cos:GetObject", "*"), allow("*", "*")))
                    .bucketPolicy(PHOTOS, doc(forPrincipals(deny("*", "*"), ALICE_P)));
            assertDecision(w.decide(w.user(ALICE), GET, CAT), false, Reason.EXPLICIT_DENY,
                    userStatement("A", 1, DENY), userStatement("B", 0, DENY), bucketStatement(PHOTOS, 0, DENY));
        }

        @Test
        void reasonsHaveTheirJsonLabels() {
            assertThat(Reason.ROOT.label()).isEqualTo("root");
            assertThat(Reason.ALLOWED.label()).isEqualTo("allowed");
            assertThat(Reason.EXPLICIT_DENY.label()).isEqualTo("explicit_deny");
            assertThat(Reason.IMPLICIT_DENY.label()).isEqualTo("implicit_deny");
        }
    }

    @Nested
    class SeveralNeeds {
        /** Alice may read anything and write only under {@code uploads/}. */
        World aliceCopying() {
            return world().user(A, ALICE, "Copy").policy("Copy", doc(
                    allow("cos:GetObject", "*"),
                    allow("cos:PutObject", "qcs::cos:::" + PHOTOS + "/uploads/*"),
                    allow("cos:Get*", "*")));
        }

        @Test
        void aCopyIsAllowedOnlyWhenBothTheWriteAndTheReadAre() {
            World w = aliceCopying();
            Decision ok = w.evaluator().decideAll(w.user(ALICE), List.of(
                    need(PUT, object(PHOTOS, "uploads/tom.jpg")), need(GET, CAT)), ConditionContext.EMPTY);
            assertDecision(ok, true, Reason.ALLOWED,
                    userStatement("Copy", 0, ALLOW), userStatement("Copy", 1, ALLOW), userStatement("Copy", 2, ALLOW));
            Decision no = w.evaluator().decideAll(w.user(ALICE), List.of(
                    need(GET, CAT), need(PUT, object(PHOTOS, "cats/copy.jpg"))), ConditionContext.EMPTY);
            assertDecision(no, false, Reason.IMPLICIT_DENY);
        }

        @Test
        void theDenialIsTheFirstDeniedNeeds() {
            World w = aliceCopying().policy("Copy", doc(
                    allow("*", "*"), deny("cos:DeleteObject", "qcs::cos:::" + PHOTOS + "/keep/*")));
            Decision d = w.evaluator().decideAll(w.user(ALICE), List.of(
                    need("cos:DeleteObject", object(PHOTOS, "a")),
                    need("cos:DeleteObject", object(PHOTOS, "keep/b")),
                    need("cos:DeleteObject", object(PRIVATE, "c"))), ConditionContext.EMPTY);
            assertDecision(d, false, Reason.EXPLICIT_DENY, userStatement("Copy", 1, DENY));
        }

        @Test
        void everyNeedAsRootIsARootDecision() {
            World w = world();
            Decision d = w.evaluator().decideAll(w.rootCaller(A), List.of(
                    need(PUT, object(PHOTOS, "b")), need(GET, object(PRIVATE, "a"))), ConditionContext.EMPTY);
            assertDecision(d, true, Reason.ROOT);
        }

        @Test
        void aRootReadingAnotherAccountsSourceNeedsItsGrant() {
            World w = world();
            List<Need> copyFromShared = List.of(need(PUT, CAT), need(GET, object(SHARED, "s")));
            assertDecision(w.evaluator().decideAll(w.rootCaller(A), copyFromShared, ConditionContext.EMPTY),
                    false, Reason.IMPLICIT_DENY);
            w.bucketPolicy(SHARED, doc(forPrincipals(allow("cos:GetObject", "*"), ROOT_A)));
            assertDecision(w.evaluator().decideAll(w.rootCaller(A), copyFromShared, ConditionContext.EMPTY),
                    true, Reason.ALLOWED, bucketStatement(SHARED, 0, ALLOW));
        }

        @Test
        void noNeedsIsNoPermission() {
            World w = world();
            assertDecision(w.evaluator().decideAll(w.rootCaller(A), List.of(), ConditionContext.EMPTY),
                    false, Reason.IMPLICIT_DENY);
        }
    }
}
