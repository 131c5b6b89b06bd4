package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of classification (README, Fuzzing). Every build replays the seeds
 * under {@code src/test/resources/io/camgate/cos/ClassifierFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} one target is fuzzed and what it finds lands there too.
 */
class ClassifierFuzzTest {
    /**
     * One request as text, so seeds read as requests: the method on the first line, then header
     * lines {@code name: value} (Host among them, or not) up to an empty line, then the
     * request-target. Classification refuses with a COS error, or yields a request whose
     * rebuilt wire target classifies the same.
     */
    @FuzzTest(maxDuration = "5s")
    void classify(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        int methodEnd = text.indexOf('\n');
        if (methodEnd < 0) {
            return;
        }
        String method = text.substring(0, methodEnd);
        List<String> headers = new ArrayList<>();
        int at = methodEnd + 1;
        while (true) {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                return;
            }
            if (end == at) {
                break;
            }
            String line = text.substring(at, end);
            int colon = line.indexOf(':');
            headers.add(colon < 0 ? line : line.substring(0, colon));
            headers.add(colon < 0 ? "" : line.substring(colon + 1).strip());
            at = end + 1;
        }
        RoundTrip.refusesOrRoundTrips(method, text.substring(at + 1), headers);
    }

    /** A multi-delete body yields its objects or MalformedXML / EntityTooLarge, and the objects become needs. */
    @FuzzTest(maxDuration = "5s")
    void multiDeleteBody(byte[] body) throws Exception {
        List<MultiDeleteBody.DeletedObject> objects;
        try {
            objects = MultiDeleteBody.parse(body);
        } catch (ClassificationException e) {
            assertThat(e.error()).isIn(CosError.MALFORMED_XML, CosError.ENTITY_TOO_LARGE);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(objects).isNotEmpty().hasSizeLessThanOrEqualTo(MultiDeleteBody.MAX_OBJECTS)
                .allSatisfy(o -> assertThat(o.key()).isNotEmpty());
        CosRequest r = Fixtures.classify("POST", Fixtures.HOST, "/?delete").withDeletedObjects(objects);
        assertThat(r.needs()).hasSize(objects.size() + 1); // anonymous: DeleteMultipleObjects last (436/8289)
        assertThat(r.needs().get(objects.size()).resource().text()).isEqualTo(Fixtures.cosResource(""));
        for (int i = 0; i < objects.size(); i++) {
            assertThat(r.needs().get(i).resource().text()).isEqualTo(Fixtures.cosResource(objects.get(i).key()));
        }
    }
}
