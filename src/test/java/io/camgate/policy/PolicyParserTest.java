package io.camgate.policy;

import static io.camgate.authz.World.bucketPolicy;
import static io.camgate.authz.World.problemsOf;
import static io.camgate.authz.World.userPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Loading documents: what is accepted, and that every bad document is rejected with the file,
 * the JSON pointer and the reason of every problem in it.
 */
class PolicyParserTest {

    /** A user policy with one statement whose inside is {@code statementBody}. */
    private static String userDoc(String statementBody) {
        return "{\"version\":\"2.0\",\"statement\":[{" + statementBody + "}]}";
    }

    /** The statement body allowing GetObject on everything, followed by {@code extra}. */
    private static String allowGet(String extra) {
        return "\"effect\":\"allow\",\"action\":[\"cos:GetObject\"],\"resource\":[\"*\"]" + extra;
    }

    /** The single problem of a document that has exactly one. */
    private static PolicyProblem onlyProblem(PolicyKind kind, String json) {
        List<PolicyProblem> problems = problemsOf(kind, json);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).file()).isEqualTo("bad.json");
        return problems.get(0);
    }

    @Nested
    class Accepted {
        @Test
        void elementNamesIgnoreCaseAndSingleValuesNeedNoBrackets() {
            PolicyDocument doc = bucketPolicy("""
                    {"version": "2.0",
                     "Statement": {"Principal": {"QCS": "qcs::cam::anyone:anyone"}, "Effect": "Deny",
                                   "Action": "name/cos:GetObject", "Resource": "*",
                                   "Condition": {"IP_EQUAL": {"qcs:ip": "10.0.0.0/8"}}}}""");
            Statement s = doc.statements().get(0);
            assertThat(s.effect()).isEqualTo(Effect.DENY);
            assertThat(s.actions()).extracting(ActionPattern::normalized).containsExactly("cos:getobject");
            assertThat(s.resources()).extracting(ResourcePattern::isAny).containsExactly(true);
            assertThat(s.principals()).containsExactly(PrincipalPattern.ANYONE);
            assertThat(s.conditions()).extracting(ConditionClause::operator, ConditionClause::key)
                    .containsExactly(tuple(ConditionOperator.IP_EQUAL, "qcs:ip"));
        }

        @Test
        void statementsKeepDocumentOrderAndTheirIndex() {
            PolicyDocument doc = userPolicy("""
                    {"version":"2.0","statement":[
                      {"effect":"allow","action":"cos:GetObject","resource":"*"},
                      {"effect":"DENY","action":["cos:PutObject","cos:DeleteObject"],"resource":"*"}]}""");
            assertThat(doc.kind()).isEqualTo(PolicyKind.USER);
            assertThat(doc.statements()).extracting(Statement::index, Statement::effect)
                    .containsExactly(tuple(0, Effect.ALLOW), tuple(1, Effect.DENY));
            assertThat(doc.statements().get(0).principals()).isEmpty();
        }

        @Test
        void conditionValuesMayBeNumbersAndBooleans() {
            Statement s = userPolicy(userDoc(allowGet(
                    ",\"condition\":{\"numeric_less_than\":{\"cos:content-length\":1024},"
                            + "\"bool_equal\":{\"cos:secure-transport\":true}}"))).statements().get(0);
            assertThat(s.conditions()).extracting(ConditionClause::values)
                    .containsExactly(List.of("1024"), List.of("true"));
        }

        @Test
        void theStatementsPrincipalWinsOverTheDocuments() {
            PolicyDocument doc = bucketPolicy("""
                    {"version":"2.0","principal":{"qcs":["qcs::cam::uin/100:uin/101"]},"statement":[
                      {"effect":"allow","action":"*","resource":"*"},
                      {"principal":"*","effect":"allow","action":"*","resource":"*"}]}""");
            assertThat(doc.statements().get(0).principals())
                    .containsExactly(new PrincipalPattern.SubUser("100", "101"));
            assertThat(doc.statements().get(1).principals()).containsExactly(PrincipalPattern.ANYONE);
        }

        @Test
        void whiteSpaceDoesNotCountTowardTheUserPolicyLimit() {
            String doc = padded(6144, "");
            assertThat(nonSpace(doc)).isEqualTo(6144);
            userPolicy(doc);
            userPolicy(doc.replace(",", " ,\n\t ").replace(":", " : "));
        }

        @Test
        void theUserPolicyLimitCountsCharactersNotBytes() {
            String doc = padded(6144, "\u6587");
            assertThat(nonSpace(doc)).isEqualTo(6144);
            userPolicy(doc);
        }

        @Test
        void aBucketPolicyMayBeExactlyTwentyKilobytes() {
            String doc = paddedBucket(20 * 1024);
            assertThat(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(20480);
            bucketPolicy(doc);
        }
    }

    /** A user policy of exactly {@code nonSpaceChars} non-space characters, padded with {@code fill} (or "x"). */
    private static String padded(int nonSpaceChars, String fill) {
        String head = "{\"version\": \"2.0\", \"statement\": [{\"effect\": \"allow\", \"action\": \"cos:GetObject\", "
                + "\"resource\": \"*\", \"condition\": {\"string_equal\": {\"cos:prefix\": \"";
        String tail = "\"}}}]}";
        int have = nonSpace(head + tail);
        return head + (fill.isEmpty() ? "x" : fill).repeat(nonSpaceChars - have) + tail;
    }

    private static String paddedBucket(int bytes) {
        String head = "{\"version\":\"2.0\",\"statement\":[{\"principal\":\"*\",\"effect\":\"allow\","
                + "\"action\":\"cos:GetObject\",\"resource\":\"*\",\"condition\":{\"string_equal\":{\"cos:prefix\":\"";
        String tail = "\"}}}]}";
        return head + " ".repeat(bytes - head.length() - tail.length()).replace(' ', 'y') + tail;
    }

    private static int nonSpace(String s) {
        return (int) s.codePoints().filter(c -> !Character.isWhitespace(c)).count();
    }

    @Nested
    class Rejected {
        @Test
        void anUnknownOperator() {
            PolicyProblem p = onlyProblem(PolicyKind.USER,
                    userDoc(allowGet(",\"condition\":{\"string_equals\":{\"cos:prefix\":\"a\"}}")));
            assertThat(p.pointer()).isEqualTo("/statement/0/condition/string_equals");
            assertThat(p.reason()).contains("unknown condition operator");
        }

        @Test
        void anUnknownQualifiedOperatorAndAnUnknownQualifier() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.USER, userDoc(allowGet(
                    ",\"condition\":{\"for_any_value:ip_like\":{\"qcs:ip\":\"a\"},"
                            + "\"for_some_value:string_equal\":{\"k\":\"a\"}}")));
            assertThat(problems).extracting(PolicyProblem::pointer).containsExactly(
                    "/statement/0/condition/for_any_value:ip_like",
                    "/statement/0/condition/for_some_value:string_equal");
        }

        @Test
        void twoQualifiersOnOneOperatorInEitherOrder() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.USER, userDoc(allowGet(
                    ",\"condition\":{\"for_any_value:for_all_value:string_equal\":{\"k\":\"a\"},"
                            + "\"for_all_value:for_any_value:string_equal\":{\"k\":\"a\"}}")));
            assertThat(problems).extracting(PolicyProblem::pointer).containsExactly(
                    "/statement/0/condition/for_any_value:for_all_value:string_equal",
                    "/statement/0/condition/for_all_value:for_any_value:string_equal");
            assertThat(problems).allSatisfy(p -> assertThat(p.reason()).contains("unknown condition operator"));
        }

        @ParameterizedTest(name = "effect {0}")
        @CsvSource(delimiter = '|', textBlock = """
                "permit"
                "allowed"
                ""
                1
                ["allow"]
                null""")
        void aBadEffect(String effect) {
            PolicyProblem p = onlyProblem(PolicyKind.USER,
                    userDoc("\"effect\":" + effect + ",\"action\":\"cos:GetObject\",\"resource\":\"*\""));
            assertThat(p.pointer()).isEqualTo("/statement/0/effect");
            assertThat(p.reason()).contains("effect must be");
        }

        @Test
        void aMissingEffect() {
            PolicyProblem p = onlyProblem(PolicyKind.USER, userDoc("\"action\":\"cos:GetObject\",\"resource\":\"*\""));
            assertThat(p.pointer()).isEqualTo("/statement/0");
            assertThat(p.reason()).contains("missing \"effect\"");
        }

        @ParameterizedTest(name = "version {0}")
        @CsvSource(delimiter = '|', textBlock = """
                "1.0"
                "2"
                2.0
                "2.0 "
                null""")
        void aBadVersion(String version) {
            PolicyProblem p = onlyProblem(PolicyKind.USER, "{\"version\":" + version
                    + ",\"statement\":{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"*\"}}");
            assertThat(p.pointer()).isEqualTo("/version");
            assertThat(p.reason()).contains("2.0");
        }

        @Test
        void aMissingVersion() {
            PolicyProblem p = onlyProblem(PolicyKind.USER,
                    "{\"statement\":{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"*\"}}");
            assertThat(p.pointer()).isEmpty();
            assertThat(p.reason()).contains("missing \"version\"");
        }

        /** Found by fuzzing: a number whose exponent no decimal can hold escaped as a NumberFormatException. */
        @Test
        void aNumberNoDecimalCanHoldIsAProblemNotACrash() {
            PolicyProblem p = onlyProblem(PolicyKind.USER, userDoc(allowGet(
                    ",\"condition\":{\"numeric_equal\":{\"qcs:n\":[1,1e3555555555555]}}")));
            assertThat(p.pointer()).isEmpty();
            assertThat(p.reason()).contains("not valid JSON").contains("1e3555555555555");
        }

        @Test
        void aMissingOrEmptyStatementList() {
            assertThat(onlyProblem(PolicyKind.USER, "{\"version\":\"2.0\"}").reason()).contains("missing \"statement\"");
            PolicyProblem empty = onlyProblem(PolicyKind.USER, "{\"version\":\"2.0\",\"statement\":[]}");
            assertThat(empty.pointer()).isEqualTo("/statement");
            assertThat(onlyProblem(PolicyKind.USER, "{\"version\":\"2.0\",\"statement\":[\"allow\"]}").pointer())
                    .isEqualTo("/statement/0");
        }

        @ParameterizedTest(name = "resource {0}")
        @CsvSource(delimiter = '|', textBlock = """
                qcs::cos:ap-guangzhou:uid/1250000001
                qcs::cos:ap-guangzhou:uid/1250000001:
                cos::ap-guangzhou:x:y:photos-1250000001/*
                QCS::cos:ap-guangzhou:uid/1250000001:photos-1250000001/*
                photos-1250000001/*
                ''
                qcs::cos:ap-guangzhou:uid/${appid}:photos-1250000001/*
                qcs::cos:${uin}:uid/1:photos-1250000001/*
                qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000001/home/${uin}/*""")
        void aMalformedResource(String resource) {
            PolicyProblem p = onlyProblem(PolicyKind.USER,
                    userDoc("\"effect\":\"allow\",\"action\":\"cos:GetObject\",\"resource\":[\"*\",\"" + resource + "\"]"));
            assertThat(p.pointer()).isEqualTo("/statement/0/resource/1");
        }

        @ParameterizedTest(name = "principal {0}")
        @CsvSource(delimiter = '|', textBlock = """
                qcs::cam::uin/100:roleName/admin
                qcs::cam::uin/100:saml-provider/idp
                qcs::cam::uin/abc:uin/101
                qcs::cam::uin/100:uin/
                qcs::cam::uin/100
                qcs::cam::uin/100:groupid/
                qcs::cam::uin/100:user/101
                qcs::cam::anonymous
                anyone
                ''
                **""")
        void aMalformedPrincipal(String principal) {
            PolicyProblem p = onlyProblem(PolicyKind.BUCKET, "{\"version\":\"2.0\",\"principal\":{\"qcs\":[\"*\",\""
                    + principal + "\"]},\"statement\":{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"*\"}}");
            assertThat(p.pointer()).isEqualTo("/principal/qcs/1");
        }

        @Test
        void principalShapesOtherThanStarOrQcs() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.BUCKET, """
                    {"version":"2.0","statement":[
                      {"principal":{"service":["cos.qcloud.com"]},"effect":"allow","action":"*","resource":"*"},
                      {"principal":["*"],"effect":"allow","action":"*","resource":"*"},
                      {"principal":{"qcs":[]},"effect":"allow","action":"*","resource":"*"},
                      {"principal":{"qcs":[7]},"effect":"allow","action":"*","resource":"*"}]}""");
            assertThat(problems).extracting(PolicyProblem::pointer).contains(
                    "/statement/0/principal/service", "/statement/1/principal", "/statement/2/principal",
                    "/statement/3/principal/qcs/0");
        }

        @Test
        void aPrincipalInAUserPolicyOnTheDocumentOrAStatement() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.USER, """
                    {"version":"2.0","principal":"*","statement":
                      {"principal":{"qcs":["qcs::cam::uin/100:uin/101"]},"effect":"allow","action":"*","resource":"*"}}""");
            assertThat(problems).extracting(PolicyProblem::pointer)
                    .containsExactly("/principal", "/statement/principal");
            assertThat(problems).allSatisfy(p -> assertThat(p.reason()).contains("user policy has no principal"));
        }

        @Test
        void aBucketPolicyStatementWithoutAnyPrincipal() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.BUCKET, """
                    {"version":"2.0","statement":[
                      {"principal":"*","effect":"allow","action":"*","resource":"*"},
                      {"effect":"allow","action":"*","resource":"*"}]}""");
            assertThat(problems).extracting(PolicyProblem::pointer).containsExactly("/statement/1");
            assertThat(problems.get(0).reason()).contains("principal");
        }

        @Test
        void unknownElementsOnTheDocumentAndTheStatement() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.USER, """
                    {"version":"2.0","id":"x","statement":{"effect":"allow","action":"*","resource":"*",
                     "condtion":{"string_equal":{"cos:prefix":"a"}},"notaction":"cos:PutObject"}}""");
            assertThat(problems).extracting(PolicyProblem::pointer)
                    .containsExactly("/id", "/statement/condtion", "/statement/notaction");
            assertThat(problems).allSatisfy(p -> assertThat(p.reason()).contains("unknown element"));
        }

        @Test
        void anElementGivenTwiceInDifferentCase() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.USER, """
                    {"version":"2.0","Version":"2.0","statement":{"effect":"allow","Effect":"deny",
                     "action":"*","resource":"*"}}""");
            assertThat(problems).extracting(PolicyProblem::pointer).containsExactly("/Version", "/statement/Effect");
            assertThat(problems).allSatisfy(p -> assertThat(p.reason()).contains("given twice"));
        }

        @Test
        void anElementGivenTwiceInTheSameCaseIsInvalidJson() {
            PolicyProblem p = onlyProblem(PolicyKind.USER,
                    "{\"version\":\"2.0\",\"statement\":{\"effect\":\"allow\",\"effect\":\"deny\",\"action\":\"*\",\"resource\":\"*\"}}");
            assertThat(p.reason()).contains("not valid JSON").contains("effect");
        }

        @Test
        void emptyActionAndResourceLists() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.USER, userDoc("\"effect\":\"allow\",\"action\":[],\"resource\":[]"));
            assertThat(problems).extracting(PolicyProblem::pointer, PolicyProblem::reason).containsExactly(
                    tuple("/statement/0/action", "\"action\" is empty"),
                    tuple("/statement/0/resource", "\"resource\" is empty"));
        }

        @Test
        void missingActionAndResource() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.USER, userDoc("\"effect\":\"allow\""));
            assertThat(problems).extracting(PolicyProblem::reason)
                    .containsExactly("missing \"action\"", "missing \"resource\"");
        }

        @Test
        void badActions() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.USER, userDoc(
                    "\"effect\":\"allow\",\"action\":[\"\",\"cos:\",\":GetObject\",\"GetObject\",\"cos:a:b\","
                            + "\"permid/\",\"permid/12-3\",\"name/\"],\"resource\":\"*\""));
            assertThat(problems).extracting(PolicyProblem::pointer).containsExactly(
                    "/statement/0/action/0", "/statement/0/action/1", "/statement/0/action/2",
                    "/statement/0/action/3", "/statement/0/action/4", "/statement/0/action/5",
                    "/statement/0/action/6", "/statement/0/action/7");
        }

        @Test
        void nonStringValues() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.USER, userDoc(
                    "\"effect\":\"allow\",\"action\":[\"cos:GetObject\",1,{\"a\":\"b\"},[\"cos:PutObject\"]],"
                            + "\"resource\":true,\"condition\":{\"string_equal\":{\"k\":[null,{\"v\":1}]},"
                            + "\"ip_equal\":\"10.0.0.1\",\"bool_equal\":{}}"));
            assertThat(problems).extracting(PolicyProblem::pointer).containsExactly(
                    "/statement/0/action/3",
                    "/statement/0/action/1", "/statement/0/action/2",
                    "/statement/0/resource",
                    "/statement/0/condition/string_equal/k/0", "/statement/0/condition/string_equal/k/1",
                    "/statement/0/condition/ip_equal", "/statement/0/condition/bool_equal");
        }

        @Test
        void conditionNotAnObjectAndAKeyWithoutValues() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.USER, """
                    {"version":"2.0","statement":[
                      {"effect":"allow","action":"*","resource":"*","condition":["string_equal"]},
                      {"effect":"allow","action":"*","resource":"*","condition":{"string_equal":{"k":[]}}},
                      {"effect":"allow","action":"*","resource":"*","condition":{"string_equal":{"":"v"}}}]}""");
            assertThat(problems).extracting(PolicyProblem::pointer).containsExactly(
                    "/statement/0/condition", "/statement/1/condition/string_equal/k",
                    "/statement/2/condition/string_equal/");
        }

        @Test
        void overTheUserPolicyLimit() {
            PolicyProblem p = onlyProblem(PolicyKind.USER, padded(6145, ""));
            assertThat(p.pointer()).isEmpty();
            assertThat(p.reason()).contains("6145").contains("6144");
        }

        @Test
        void overTheBucketPolicyLimit() {
            PolicyProblem p = onlyProblem(PolicyKind.BUCKET, paddedBucket(20 * 1024 + 1));
            assertThat(p.pointer()).isEmpty();
            assertThat(p.reason()).contains("20481").contains("20 KB");
        }

        @Test
        void aBucketPolicyLimitCountsBytesAndWhiteSpace() {
            String doc = paddedBucket(20 * 1024);
            assertThat(onlyProblem(PolicyKind.BUCKET, doc.replace("{\"version\"", "{ \"version\"")).reason())
                    .contains("20481");
            assertThat(onlyProblem(PolicyKind.BUCKET, doc.replaceFirst("y", "\u00e9")).reason()).contains("20481");
        }

        @Test
        void invalidJsonIsReportedWithLineAndColumn() {
            PolicyProblem p = onlyProblem(PolicyKind.USER, "{\"version\":\"2.0\",\n\"statement\": [\n  {\"effect\" \"allow\"}]}");
            assertThat(p.pointer()).isEmpty();
            assertThat(p.reason()).contains("not valid JSON").contains("line 3").contains("column");
        }

        @Test
        void textAfterTheDocumentIsInvalidJson() {
            String valid = "{\"version\":\"2.0\",\"statement\":{\"effect\":\"allow\",\"action\":\"cos:GetObject\",\"resource\":\"*\"}}";
            assertThat(onlyProblem(PolicyKind.USER, valid + "}").reason()).contains("not valid JSON");
            assertThat(onlyProblem(PolicyKind.USER,
                    valid + "{\"version\":\"2.0\",\"statement\":{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"*\"}}")
                    .reason()).contains("not valid JSON");
        }

        @Test
        void deeplyNestedJsonIsRejectedAsInvalidRatherThanOverflowingTheStack() {
            String nested = "{\"version\":\"2.0\",\"statement\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
            PolicyProblem p = onlyProblem(PolicyKind.BUCKET, nested);
            assertThat(p.pointer()).isEmpty();
            assertThat(p.reason()).contains("not valid JSON");
        }

        @Test
        void aDocumentThatIsNotAnObject() {
            assertThat(onlyProblem(PolicyKind.USER, "[]").reason()).contains("JSON object");
            assertThat(onlyProblem(PolicyKind.USER, "\"2.0\"").reason()).contains("JSON object");
            assertThat(onlyProblem(PolicyKind.USER, "").pointer()).isEmpty();
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(delimiter = '|', textBlock = """
                ip_equal                   | "10.0.0.0/33"
                ip_equal                   | "10.0.0.0/"
                ip_equal                   | "300.1.1.1"
                ip_equal                   | "10.0.0.0/8/8"
                ip_not_equal               | "2001:db8::/129"
                ip_equal                   | "example.com"
                date_greater_than          | "tomorrow"
                date_less_than             | "2024-13-01T00:00:00Z"
                date_equal                 | 1704067200
                numeric_less_than          | "ten"
                numeric_equal              | "1,000"
                numeric_not_equal          | true
                bool_equal                 | "yes"
                bool_equal                 | 1
                null_equal                 | "maybe"
                binary_equal               | "***"
                ip_equal                   | "${uin}"
                numeric_equal              | "${owner_uin}"
                string_equal               | "${user}"
                for_all_value:ip_equal_if_exist | "10.0.0.0/8x"
                """)
        void aConditionValueThatDoesNotSuitItsOperator(String operator, String value) {
            PolicyProblem p = onlyProblem(PolicyKind.USER, userDoc(allowGet(
                    ",\"condition\":{\"" + operator + "\":{\"k\":[" + goodValueFor(operator) + "," + value + "]}}")));
            assertThat(p.pointer()).isEqualTo("/statement/0/condition/" + operator + "/k/1");
        }

        /** A value the operator reads, so that only the value under test is wrong. */
        private String goodValueFor(String operator) {
            String op = operator.replace("for_all_value:", "");
            if (op.startsWith("ip")) {
                return "\"10.0.0.0/8\"";
            } else if (op.startsWith("date")) {
                return "\"2024-01-01T00:00:00Z\"";
            } else if (op.startsWith("numeric")) {
                return "\"1\"";
            } else if (op.startsWith("bool") || op.startsWith("null")) {
                return "\"true\"";
            } else if (op.startsWith("binary")) {
                return "\"aGVsbG8=\"";
            }
            return "\"a\"";
        }

        @Test
        void ifExistOrAQualifierOnNullEqual() {
            List<PolicyProblem> problems = problemsOf(PolicyKind.USER, userDoc(allowGet(
                    ",\"condition\":{\"null_equal_if_exist\":{\"k\":\"true\"},"
                            + "\"for_any_value:null_equal\":{\"k\":\"true\"}}")));
            assertThat(problems).extracting(PolicyProblem::pointer).containsExactly(
                    "/statement/0/condition/null_equal_if_exist", "/statement/0/condition/for_any_value:null_equal");
            assertThat(problems).allSatisfy(p -> assertThat(p.reason()).contains("null_equal"));
        }

        @Test
        void pointersEscapeSlashesAndTildesInKeys() {
            PolicyProblem p = onlyProblem(PolicyKind.USER, userDoc(allowGet(
                    ",\"condition\":{\"ip_equal\":{\"a/b~c\":\"nope\"}}")));
            assertThat(p.pointer()).isEqualTo("/statement/0/condition/ip_equal/a~1b~0c");
        }
    }

    @Test
    void everyProblemInADocumentIsReportedNotJustTheFirst() {
        String bad = """
                {"version":"1.0","Principal":"*","extra":1,"statement":[
                  {"effect":"permit","action":[],"resource":"qcs::cos","condition":{"string_likes":{"k":"v"}}},
                  {"effect":"allow","Effect":"allow","action":"cos:GetObject","resource":"*",
                   "condition":{"ip_equal":{"qcs:ip":"10.0.0.0/40"},"date_less_than":{"t":"soon"},
                                "numeric_equal":{"n":"many"},"bool_equal":{"b":"maybe"},
                                "null_equal_if_exist":{"x":"true"}}},
                  {"principal":"*","effect":"deny","action":"cos:PutObject","resource":"*"}]}""";
        List<PolicyProblem> problems = problemsOf(PolicyKind.USER, bad);
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo("bad.json"));
        assertThat(problems).extracting(PolicyProblem::pointer).containsExactlyInAnyOrder(
                "/version",
                "/Principal",
                "/extra",
                "/statement/0/effect",
                "/statement/0/action",
                "/statement/0/resource",
                "/statement/0/condition/string_likes",
                "/statement/1/Effect",
                "/statement/1/condition/ip_equal/qcs:ip",
                "/statement/1/condition/date_less_than/t",
                "/statement/1/condition/numeric_equal/n",
                "/statement/1/condition/bool_equal/b",
                "/statement/1/condition/null_equal_if_exist",
                "/statement/2/principal");
    }

    @Test
    void anOversizedDocumentStillHasItsOtherProblemsReported() {
        String doc = padded(7000, "").replace("\"allow\"", "\"permit\"");
        assertThat(problemsOf(PolicyKind.USER, doc)).extracting(PolicyProblem::pointer)
                .containsExactly("", "/statement/0/effect");
    }

    @Test
    void aProblemPrintsFilePointerAndReason() {
        PolicyProblem p = new PolicyProblem("policies/ReadPhotos.json", "/statement/0/effect", "effect must be allow");
        assertThat(p).hasToString("policies/ReadPhotos.json at /statement/0/effect: effect must be allow");
        PolicyException e = new PolicyException(List.of(p, new PolicyProblem("f.json", "", "missing")));
        assertThat(e.getMessage()).isEqualTo(
                "policies/ReadPhotos.json at /statement/0/effect: effect must be allow\nf.json: missing");
    }
}
