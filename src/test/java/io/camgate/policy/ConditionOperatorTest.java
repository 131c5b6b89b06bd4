package io.camgate.policy;

import static io.camgate.authz.World.allowWhen;
import static io.camgate.authz.World.context;
import static io.camgate.authz.World.userPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every condition operator of DESIGN §3 on one condition key: true, false, an unreadable
 * context value (error), a missing key, {@code _if_exist}, the qualifiers on multi-valued
 * keys, and policy variables in the listed values.
 */
class ConditionOperatorTest {
    /** Caller 200001, a sub-user of root 100001 with APPID 1250000001. */
    private static final PolicyVariables VARS = new PolicyVariables("200001", "100001", "1250000001");

    /** How {@code "<operator>": {"k": <listed>}} judges a request whose {@code k} is the given values. */
    private static Outcome judge(String operator, String listedJson, String... contextValues) {
        Statement s = allowWhen("{\"" + operator + "\":{\"k\":" + listedJson + "}}");
        ConditionContext.Builder ctx = ConditionContext.builder();
        ctx.addAll("k", List.of(contextValues));
        return s.conditionsHold(ctx.build(), VARS);
    }

    @ParameterizedTest(name = "{0} {1} against \"{2}\" is {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            string_equal                 | "abc"                   | abc        | TRUE
            string_equal                 | "abc"                   | ABC        | FALSE
            string_equal                 | ["x", "abc"]            | abc        | TRUE
            string_equal                 | ["x", "y"]              | abc        | FALSE
            string_equal                 | "abc"                   | ''         | FALSE
            string_not_equal             | "abc"                   | abc        | FALSE
            string_not_equal             | ["x", "abc"]            | abc        | FALSE
            string_not_equal             | ["x", "y"]              | abc        | TRUE
            string_not_equal             | "abc"                   | ABC        | TRUE
            string_equal_ignore_case     | "AbC"                   | aBc        | TRUE
            string_equal_ignore_case     | "abc"                   | abd        | FALSE
            string_not_equal_ignore_case | "AbC"                   | abc        | FALSE
            string_not_equal_ignore_case | ["x", "abc"]            | abd        | TRUE
            string_like                  | "image/*"               | image/jpeg | TRUE
            string_like                  | "image/*"               | text/plain | FALSE
            string_like                  | "*.jpg"                 | a/b/c.jpg  | TRUE
            string_like                  | "Image/*"               | image/png  | FALSE
            string_like                  | "a*b*c"                 | axxbyyc    | TRUE
            string_like                  | "exact"                 | exact      | TRUE
            string_not_like              | "image/*"               | image/jpeg | FALSE
            string_not_like              | ["image/*", "text/*"]   | video/mp4  | TRUE
            string_not_like              | ["image/*", "text/*"]   | text/plain | FALSE
            numeric_equal                | "10"                    | 10.00      | TRUE
            numeric_equal                | 10                      | 1E1        | TRUE
            numeric_equal                | 10                      | 11         | FALSE
            numeric_equal                | 10                      | ten        | ERROR
            numeric_not_equal            | "10"                    | 10         | FALSE
            numeric_not_equal            | ["10", "12"]            | 11         | TRUE
            numeric_not_equal            | "10"                    | 0x0A       | ERROR
            numeric_greater_than         | 10                      | 10.5       | TRUE
            numeric_greater_than         | 10                      | 10         | FALSE
            numeric_greater_than         | -1                      | -0.5       | TRUE
            numeric_greater_than         | 10                      | ''         | ERROR
            numeric_greater_than_equal   | 10                      | 10         | TRUE
            numeric_greater_than_equal   | 10                      | 9.999      | FALSE
            numeric_less_than            | 10                      | 9          | TRUE
            numeric_less_than            | 10                      | 10         | FALSE
            numeric_less_than            | 1.2                     | 1.10       | TRUE
            numeric_less_than_equal      | 10                      | 10.0       | TRUE
            numeric_less_than_equal      | 10                      | 10.01      | FALSE
            numeric_less_than_equal      | 10                      | NaN        | ERROR
            numeric_equal                | 0.30000000000000000001  | 0.3        | FALSE
            numeric_less_than            | 0.30000000000000000001  | 0.3        | TRUE
            numeric_less_than            | 1e400                   | 1e399      | TRUE
            numeric_equal                | 12345678901234567890123 | 12345678901234567890123.0 | TRUE
            date_equal                   | "2024-01-01T00:00:00Z"  | 2024-01-01T08:00:00+08:00 | TRUE
            date_equal                   | "2024-01-01T00:00:00Z"  | 2024-01-01T00:00:01Z      | FALSE
            date_equal                   | "2024-01-01T00:00:00Z"  | yesterday                 | ERROR
            date_not_equal               | "2024-01-01T00:00:00Z"  | 2024-01-01T00:00:00Z      | FALSE
            date_not_equal               | "2024-01-01T00:00:00Z"  | 2024-01-02T00:00:00Z      | TRUE
            date_greater_than            | "2024-01-01T00:00:00Z"  | 2024-06-01T00:00:00Z      | TRUE
            date_greater_than            | "2024-01-01T00:00:00Z"  | 2024-01-01T00:00:00Z      | FALSE
            date_greater_than_equal      | "2024-01-01T00:00:00Z"  | 2024-01-01T00:00:00Z      | TRUE
            date_greater_than_equal      | "2024-01-01T00:00:00Z"  | 2023-12-31T23:59:59Z      | FALSE
            date_less_than               | "2024-01-01T00:00:00Z"  | 2023-12-31T23:59:59Z      | TRUE
            date_less_than               | "2024-01-01T00:00:00Z"  | 2024-01-01T00:00:00Z      | FALSE
            date_less_than_equal         | "2024-01-01T00:00:00Z"  | 2024-01-01T00:00:00Z      | TRUE
            date_less_than_equal         | "2024-01-01T00:00:00Z"  | 2024-01-01T00:00:00.001Z  | FALSE
            date_less_than_equal         | "2024-01-01T00:00:00Z"  | 1704067200                | ERROR
            ip_equal                     | "10.0.0.0/8"            | 10.200.3.4        | TRUE
            ip_equal                     | "10.0.0.0/8"            | 11.0.0.1          | FALSE
            ip_equal                     | "192.168.1.1"           | 192.168.1.1       | TRUE
            ip_equal                     | "192.168.1.1"           | 192.168.1.2       | FALSE
            ip_equal                     | "192.168.1.0/31"        | 192.168.1.1       | TRUE
            ip_equal                     | "192.168.1.0/31"        | 192.168.1.2       | FALSE
            ip_equal                     | "0.0.0.0/0"             | 203.0.113.9       | TRUE
            ip_equal                     | ["10.0.0.0/8", "192.168.0.0/16"] | 192.168.7.7 | TRUE
            ip_equal                     | "2001:db8::/32"         | 2001:db8:ffff::1  | TRUE
            ip_equal                     | "2001:db8::/32"         | 2001:db9::1       | FALSE
            ip_equal                     | "::1"                   | 0:0:0:0:0:0:0:1   | TRUE
            ip_equal                     | "::"                    | 0:0:0:0:0:0:0:0   | TRUE
            ip_equal                     | "fe80::/10"             | FE80::ABCD        | TRUE
            ip_equal                     | "fe80::/10"             | fec0::1           | FALSE
            ip_equal                     | "2001:db8::"            | 2001:db8:0:0:0:0:0:0 | TRUE
            ip_equal                     | "1:2:3:4:5:6:7::"       | 1:2:3:4:5:6:7:0   | TRUE
            ip_equal                     | "::ffff:10.0.0.0/120"   | ::ffff:10.0.0.7   | TRUE
            ip_equal                     | "::ffff:10.0.0.0/120"   | ::ffff:10.0.1.7   | FALSE
            ip_equal                     | "64:ff9b::192.0.2.33"   | 64:ff9b::c000:221 | TRUE
            ip_equal                     | "1:2:3:4:5:6:7.8.9.10"  | 1:2:3:4:5:6:708:90a | TRUE
            ip_equal                     | "10.0.0.0/8"            | 2001:db8::1       | FALSE
            ip_equal                     | "2001:db8::/32"         | 10.0.0.1          | FALSE
            ip_equal                     | "10.0.0.0/8"            | 10.0.0.1/32       | ERROR
            ip_equal                     | "10.0.0.0/8"            | not-an-ip         | ERROR
            ip_equal                     | "10.0.0.0/8"            | localhost         | ERROR
            ip_equal                     | "10.0.0.0/8"            | 10.0.0.256        | ERROR
            ip_equal                     | "10.0.0.0/8"            | 10.0.0            | ERROR
            ip_equal                     | "10.0.0.0/8"            | 10.0.0.1.5        | ERROR
            ip_equal                     | "10.0.0.0/8"            | ' 10.0.0.1'       | ERROR
            ip_equal                     | "::1"                   | 1:2:3:4:5:6:7:8:9 | ERROR
            ip_equal                     | "::1"                   | 1::2::3           | ERROR
            ip_equal                     | "::1"                   | 1:2:3:4::5:6:7:8  | ERROR
            ip_equal                     | "::1"                   | 12345::1          | ERROR
            ip_equal                     | "::1"                   | ::g               | ERROR
            ip_equal                     | "::1"                   | fe80::1%eth0      | ERROR
            ip_equal                     | "::1"                   | ::ffff:10.0.0.256 | ERROR
            ip_equal                     | "::1"                   | 1:2:3:4:5:6:7     | ERROR
            ip_not_equal                 | "10.0.0.0/8"            | 10.1.1.1          | FALSE
            ip_not_equal                 | "10.0.0.0/8"            | 11.1.1.1          | TRUE
            ip_not_equal                 | ["10.0.0.0/8", "::1"]   | ::1               | FALSE
            ip_not_equal                 | "10.0.0.0/8"            | bogus             | ERROR
            bool_equal                   | "true"                  | true              | TRUE
            bool_equal                   | "true"                  | TRUE              | TRUE
            bool_equal                   | true                    | True              | TRUE
            bool_equal                   | "true"                  | false             | FALSE
            bool_equal                   | "FALSE"                 | false             | TRUE
            bool_equal                   | "true"                  | yes               | ERROR
            bool_equal                   | "true"                  | 1                 | ERROR
            binary_equal                 | "aGVsbG8="              | aGVsbG8=          | TRUE
            binary_equal                 | "aGVsbG8="              | d29ybGQ=          | FALSE
            binary_equal                 | "aGVsbG8="              | '***'             | ERROR
            """)
    void oneContextValueAgainstTheListedValues(String operator, String listed, String value, Outcome expected) {
        assertThat(judge(operator, listed, value)).isEqualTo(expected);
    }

    @Test
    void ipv6HexGroupsAreAsciiOnly() {
        // U+FF11 FULLWIDTH DIGIT ONE and U+0661 ARABIC-INDIC DIGIT ONE are digits to Character.digit, not in an address.
        assertThat(judge("ip_equal", "\"::/0\"", "\uFF11::1")).isEqualTo(Outcome.ERROR);
        assertThat(judge("ip_equal", "\"::/0\"", "\u0661::1")).isEqualTo(Outcome.ERROR);
    }

    /** A value every non-null operator can read, for tests that only care about presence. */
    private static String sampleValue(ConditionOperator op) {
        String label = op.label();
        if (label.startsWith("string")) {
            return "\"abc\"";
        } else if (label.startsWith("numeric")) {
            return "\"5\"";
        } else if (label.startsWith("date")) {
            return "\"2024-01-01T00:00:00Z\"";
        } else if (label.startsWith("ip")) {
            return "\"10.0.0.0/8\"";
        } else if (label.startsWith("bool")) {
            return "\"true\"";
        }
        return "\"aGVsbG8=\"";
    }

    @Nested
    class MissingKeys {
        @ParameterizedTest(name = "{0}")
        @EnumSource(value = ConditionOperator.class, names = "NULL_EQUAL", mode = EnumSource.Mode.EXCLUDE)
        void aMissingKeyMakesTheConditionFalseEvenForNegatedOperators(ConditionOperator op) {
            assertThat(judge(op.label(), sampleValue(op))).isEqualTo(Outcome.FALSE);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = ConditionOperator.class, names = "NULL_EQUAL", mode = EnumSource.Mode.EXCLUDE)
        void aMissingKeyMakesTheConditionTrueWithIfExist(ConditionOperator op) {
            assertThat(judge(op.label() + "_if_exist", sampleValue(op))).isEqualTo(Outcome.TRUE);
            assertThat(judge("for_all_value:" + op.label() + "_if_exist", sampleValue(op))).isEqualTo(Outcome.TRUE);
        }

        @Test
        void ifExistStillTestsAKeyThatIsPresent() {
            assertThat(judge("string_equal_if_exist", "\"abc\"", "abc")).isEqualTo(Outcome.TRUE);
            assertThat(judge("string_equal_if_exist", "\"abc\"", "xyz")).isEqualTo(Outcome.FALSE);
            assertThat(judge("ip_equal_if_exist", "\"10.0.0.0/8\"", "garbage")).isEqualTo(Outcome.ERROR);
        }

        @Test
        void aKeyAbsentFromTheContextIsMissingToo() {
            Statement s = allowWhen("{\"string_equal\":{\"cos:prefix\":\"a\"}}");
            assertThat(s.conditionsHold(ConditionContext.EMPTY, VARS)).isEqualTo(Outcome.FALSE);
            assertThat(s.conditionsHold(context("cos:other", "a"), VARS)).isEqualTo(Outcome.FALSE);
        }

        @Test
        void nullEqualTrueHoldsWhenTheKeyIsMissingAndFalseWhenPresent() {
            assertThat(judge("null_equal", "\"true\"")).isEqualTo(Outcome.TRUE);
            assertThat(judge("null_equal", "\"true\"", "v1")).isEqualTo(Outcome.FALSE);
            assertThat(judge("null_equal", "\"false\"", "v1")).isEqualTo(Outcome.TRUE);
            assertThat(judge("null_equal", "\"false\"")).isEqualTo(Outcome.FALSE);
            assertThat(judge("null_equal", "true")).isEqualTo(Outcome.TRUE);
            assertThat(judge("null_equal", "[\"true\", \"false\"]", "v1")).isEqualTo(Outcome.TRUE);
        }

        @Test
        void anEmptyStringIsAValueNotAMissingKey() {
            assertThat(judge("null_equal", "\"false\"", "")).isEqualTo(Outcome.TRUE);
            assertThat(judge("string_equal", "\"\"", "")).isEqualTo(Outcome.TRUE);
        }

        @Test
        void conditionKeysCompareIgnoringCase() {
            Statement s = allowWhen("{\"string_equal\":{\"COS:Prefix\":\"docs/\"}}");
            assertThat(s.conditionsHold(context("cos:prefix", "docs/"), VARS)).isEqualTo(Outcome.TRUE);
        }
    }

    @Nested
    class MultiValuedKeys {
        static Stream<Arguments> cases() {
            return Stream.of(
                    // operator, listed, context values, no qualifier, for_any_value, for_all_value
                    Arguments.of("string_equal", "\"a\"", List.of("a", "b"), true, true, false),
                    Arguments.of("string_equal", "[\"a\", \"b\"]", List.of("a", "b"), true, true, true),
                    Arguments.of("string_equal", "\"c\"", List.of("a", "b"), false, false, false),
                    // negation is applied to each value first: "a" fails, "b" holds
                    Arguments.of("string_not_equal", "\"a\"", List.of("a", "b"), true, true, false),
                    Arguments.of("string_not_equal", "\"a\"", List.of("c", "d"), true, true, true),
                    Arguments.of("string_not_equal", "[\"a\", \"b\"]", List.of("a", "b"), false, false, false),
                    Arguments.of("string_not_equal_ignore_case", "\"A\"", List.of("a", "B"), true, true, false),
                    Arguments.of("string_not_like", "\"tmp/*\"", List.of("tmp/x", "doc/y"), true, true, false),
                    Arguments.of("numeric_not_equal", "\"1\"", List.of("1", "2"), true, true, false),
                    Arguments.of("date_not_equal", "\"2024-01-01T00:00:00Z\"",
                            List.of("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"), true, true, false),
                    Arguments.of("ip_not_equal", "\"10.0.0.0/8\"", List.of("11.0.0.1", "12.0.0.1"), true, true, true),
                    Arguments.of("ip_not_equal", "\"10.0.0.0/8\"", List.of("10.0.0.1", "12.0.0.1"), true, true, false),
                    Arguments.of("ip_equal", "\"10.0.0.0/8\"", List.of("10.0.0.1", "12.0.0.1"), true, true, false),
                    Arguments.of("numeric_less_than", "\"10\"", List.of("1", "2", "3"), true, true, true),
                    Arguments.of("bool_equal", "\"true\"", List.of("true", "false"), true, true, false));
        }

        @ParameterizedTest(name = "{0} {1} over {2}")
        @MethodSource("cases")
        void qualifiersAggregateTheValuesAfterNegation(String op, String listed, List<String> values,
                boolean plain, boolean anyValue, boolean allValues) {
            String[] v = values.toArray(String[]::new);
            assertThat(judge(op, listed, v)).isEqualTo(Outcome.of(plain));
            assertThat(judge("for_any_value:" + op, listed, v)).isEqualTo(Outcome.of(anyValue));
            assertThat(judge("for_all_value:" + op, listed, v)).isEqualTo(Outcome.of(allValues));
        }

        @Test
        void oneUnreadableValueAmongManyIsAnErrorWhateverTheOthersSay() {
            assertThat(judge("numeric_equal", "\"5\"", "5", "five")).isEqualTo(Outcome.ERROR);
            assertThat(judge("for_any_value:numeric_equal", "\"5\"", "5", "five")).isEqualTo(Outcome.ERROR);
            assertThat(judge("for_all_value:ip_equal", "\"10.0.0.0/8\"", "11.0.0.1", "x")).isEqualTo(Outcome.ERROR);
            assertThat(judge("for_all_value:ip_not_equal", "\"10.0.0.0/8\"", "10.0.0.1", "x"))
                    .isEqualTo(Outcome.ERROR);
        }

        @Test
        void qualifiedOperatorNamesIgnoreLetterCase() {
            assertThat(judge("For_All_Value:String_Equal_If_Exist", "[\"a\",\"b\"]", "a", "b"))
                    .isEqualTo(Outcome.TRUE);
            assertThat(judge("FOR_ALL_VALUE:STRING_EQUAL", "\"a\"", "a", "b")).isEqualTo(Outcome.FALSE);
        }
    }

    @Nested
    class WholeStatements {
        @Test
        void everyBlockAndEveryKeyMustHold() {
            Statement s = allowWhen("""
                    {"string_equal": {"cos:prefix": ["docs/", "pub/"], "cos:x-cos-acl": "private"},
                     "ip_equal": {"qcs:ip": "10.0.0.0/8"}}""");
            ConditionContext all = context("cos:prefix", "pub/", "cos:x-cos-acl", "private", "qcs:ip", "10.1.1.1");
            assertThat(s.conditionsHold(all, VARS)).isEqualTo(Outcome.TRUE);
            assertThat(s.conditionsHold(context("cos:prefix", "pub/", "cos:x-cos-acl", "public-read",
                    "qcs:ip", "10.1.1.1"), VARS)).isEqualTo(Outcome.FALSE);
            assertThat(s.conditionsHold(context("cos:prefix", "pub/", "cos:x-cos-acl", "private",
                    "qcs:ip", "11.1.1.1"), VARS)).isEqualTo(Outcome.FALSE);
            assertThat(s.conditionsHold(context("cos:prefix", "pub/", "qcs:ip", "10.1.1.1"), VARS))
                    .isEqualTo(Outcome.FALSE);
        }

        @Test
        void anErrorAnywhereDecidesTheStatementEvenNextToAFalseClause() {
            Statement s = allowWhen("""
                    {"string_equal": {"cos:prefix": "docs/"}, "ip_equal": {"qcs:ip": "10.0.0.0/8"}}""");
            assertThat(s.conditionsHold(context("cos:prefix", "other/", "qcs:ip", "nonsense"), VARS))
                    .isEqualTo(Outcome.ERROR);
            assertThat(s.conditionsHold(context("cos:prefix", "docs/", "qcs:ip", "nonsense"), VARS))
                    .isEqualTo(Outcome.ERROR);
            Statement reversed = allowWhen("""
                    {"ip_equal": {"qcs:ip": "10.0.0.0/8"}, "string_equal": {"cos:prefix": "docs/"}}""");
            assertThat(reversed.conditionsHold(context("cos:prefix", "other/", "qcs:ip", "nonsense"), VARS))
                    .isEqualTo(Outcome.ERROR);
        }

        @Test
        void aStatementWithoutConditionsAlwaysHolds() {
            Statement s = userPolicy("""
                    {"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*"}}""")
                    .statements().get(0);
            assertThat(s.conditionsHold(context("qcs:ip", "garbage"), VARS)).isEqualTo(Outcome.TRUE);
        }
    }

    @Nested
    class PolicyVariablesInValues {
        @Test
        void uinIsTheCaller() {
            assertThat(judge("string_equal", "\"${uin}\"", "200001")).isEqualTo(Outcome.TRUE);
            assertThat(judge("string_equal", "\"${uin}\"", "200002")).isEqualTo(Outcome.FALSE);
            assertThat(judge("string_not_equal", "\"${uin}\"", "200001")).isEqualTo(Outcome.FALSE);
        }

        @Test
        void ownerUinAndAppIdAreThePolicyOwners() {
            assertThat(judge("string_equal", "\"${owner_uin}\"", "100001")).isEqualTo(Outcome.TRUE);
            assertThat(judge("string_equal", "\"${app_id}\"", "1250000001")).isEqualTo(Outcome.TRUE);
            assertThat(judge("string_equal", "\"${app_id}\"", "100001")).isEqualTo(Outcome.FALSE);
        }

        @Test
        void variablesMixWithTextAndGlobs() {
            assertThat(judge("string_like", "\"home/${uin}/*\"", "home/200001/notes.txt")).isEqualTo(Outcome.TRUE);
            assertThat(judge("string_like", "\"home/${uin}/*\"", "home/200002/notes.txt")).isEqualTo(Outcome.FALSE);
            assertThat(judge("string_equal_ignore_case", "\"U-${uin}\"", "u-200001")).isEqualTo(Outcome.TRUE);
            assertThat(judge("string_equal", "[\"x\", \"${owner_uin}-${uin}\"]", "100001-200001"))
                    .isEqualTo(Outcome.TRUE);
        }

        @Test
        void uinHasNoValueForAnAnonymousCaller() {
            Statement s = allowWhen("{\"string_equal\":{\"k\":\"${uin}\"}}");
            PolicyVariables anonymous = new PolicyVariables(null, "100001", "1250000001");
            assertThat(s.conditionsHold(context("k", "${uin}"), anonymous)).isEqualTo(Outcome.FALSE);
            assertThat(s.conditionsHold(context("k", ""), anonymous)).isEqualTo(Outcome.FALSE);
        }
    }

    @Test
    void everyOperatorHasALabelThatLooksItselfUp() {
        assertThat(ConditionOperator.values()).hasSize(23);
        Arrays.stream(ConditionOperator.values()).forEach(op ->
                assertThat(ConditionOperator.byLabel(op.label().toUpperCase(java.util.Locale.ROOT))).contains(op));
        assertThat(ConditionOperator.byLabel("string_equals")).isEmpty();
    }
}
