package io.camgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camgate.testing.Trials;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever text arrives, the parser either returns a document or throws {@link PolicyException}
 * with at least one problem, each naming the file and a JSON pointer into the document (to the
 * element at fault, or to where a missing one belongs); it never fails any other way.
 *
 * <p>The {@link FuzzTest} targets are coverage-guided (README, Fuzzing): every build replays
 * the seeds under {@code src/test/resources/io/camgate/policy/PolicyParserFuzzTestInputs/}.
 */
class PolicyParserFuzzTest {
    static final String SEED = """
            {"version":"2.0","principal":{"qcs":["qcs::cam::uin/100001:uin/200001"]},"statement":[
              {"effect":"allow","action":["name/cos:GetObject","cos:Get*"],"resource":["qcs::cos:ap-guangzhou::b-1250000001/*"],
               "condition":{"ip_equal":{"qcs:ip":["10.0.0.0/8","::1"]},"for_all_value:string_like_if_exist":{"k":"a*${uin}"},
                            "null_equal":{"x":true},"numeric_less_than":{"n":1.5},"date_greater_than":{"t":"2024-01-01T00:00:00Z"}}},
              {"effect":"deny","action":"permid/12","resource":"*","principal":"*"}]}""";
    static final List<String> PIECES = List.of("{", "}", "[", "]", ",", ":", "\"", "\"\"", "null", "true", "1e9", "-0",
            "\"version\"", "\"2.0\"", "\"statement\"", "\"principal\"", "\"Principal\"", "\"effect\"", "\"allow\"",
            "\"action\"", "\"resource\"", "\"condition\"", "\"*\"", "\"qcs\"", "\"${uin}\"", "\"${x}\"", "\"ip_equal\"",
            "\"null_equal_if_exist\"", "\"for_any_value:bool_equal\"", "\"qcs::cam::uin/1:root\"", "\"qcs::::\"",
            "\"qcs:::::\"", "\"permid/\"", "\"~/\"", "\u0000", "\uFEFF", " ");

    private static final ObjectMapper JSON = new ObjectMapper();

    record Mutation(int position, int deleteLength, String insert) {
        String applyTo(String text) {
            int at = Math.min(position, text.length());
            int end = Math.min(text.length(), at + deleteLength);
            return text.substring(0, at) + insert + text.substring(end);
        }
    }

    private static Mutation mutation(Random random) {
        return new Mutation(random.nextInt(SEED.length() + 1), random.nextInt(13), Trials.pick(random, PIECES));
    }

    @Test
    void theSeedIsAValidBucketPolicy() throws PolicyException {
        assertThat(PolicyParser.parse("seed.json", "seed", PolicyKind.BUCKET, SEED).statements()).hasSize(2);
    }

    @Test
    void aMutatedDocumentIsAcceptedOrRejectedWithProblems() {
        Trials.run(2000, random -> {
            String text = SEED;
            for (Mutation m : Trials.list(random, 1, 4, PolicyParserFuzzTest::mutation)) {
                text = m.applyTo(text);
            }
            parsesOrReports(Trials.pick(random, PolicyKind.values()), text);
        });
    }

    @Test
    void aSoupOfJsonPiecesIsAcceptedOrRejectedWithProblems() {
        Trials.run(2000, random -> parsesOrReports(Trials.pick(random, PolicyKind.values()),
                String.join("", Trials.list(random, 0, 40, r -> Trials.pick(r, PIECES)))));
    }

    /** Any bytes, read as UTF-8, as a user policy. */
    @FuzzTest(maxDuration = "5s")
    void userPolicy(byte[] input) {
        parsesOrReports(PolicyKind.USER, new String(input, StandardCharsets.UTF_8));
    }

    /** Any bytes, read as UTF-8, as a bucket policy. */
    @FuzzTest(maxDuration = "5s")
    void bucketPolicy(byte[] input) {
        parsesOrReports(PolicyKind.BUCKET, new String(input, StandardCharsets.UTF_8));
    }

    private static void parsesOrReports(PolicyKind kind, String text) {
        try {
            PolicyDocument doc = PolicyParser.parse("fuzz.json", "fuzz", kind, text);
            assertThat(doc.statements()).isNotEmpty();
        } catch (PolicyException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.file()).isEqualTo("fuzz.json");
                assertThat(p.pointer()).satisfiesAnyOf(ptr -> assertThat(ptr).isEmpty(),
                        ptr -> assertThat(ptr).startsWith("/"));
                assertThat(p.reason()).isNotBlank();
                assertThat(locates(text, p.pointer())).as("%s locates a node or its parent", p).isTrue();
            });
        }
    }

    /** Whether {@code pointer} names a node of the document, or a member missing from a node that exists. */
    private static boolean locates(String text, String pointer) {
        if (pointer.isEmpty()) {
            return true;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            return false;
        }
        JsonPointer at = JsonPointer.compile(pointer);
        return !root.at(at).isMissingNode() || (at.head() != null && !root.at(at.head()).isMissingNode());
    }
}
