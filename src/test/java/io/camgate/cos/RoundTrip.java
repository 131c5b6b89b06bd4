package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * The classifier's contract over any input, shared by the seeded and the coverage-guided fuzz
 * tests: it refuses with a COS error and a message, or it yields a request that survives the
 * wire, so that what the forwarder sends upstream is classified exactly as what was authorized.
 */
final class RoundTrip {
    private RoundTrip() {
    }

    /**
     * Classifies the request, and when it is accepted classifies its rebuilt wire target again,
     * sent to the host it was classified for; returns whether it was accepted.
     *
     * @param headers alternating names and values, Host included when the request has one
     */
    static boolean refusesOrRoundTrips(String method, String target, List<String> headers) throws Exception {
        CosRequest r;
        try {
            r = classify(method, target, headers);
        } catch (ClassificationException e) {
            assertThat(e.error()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
            return false;
        }
        assertThat(r.needs().isEmpty()).as(target).isEqualTo(r.awaitsBody());
        List<String> upstream = new ArrayList<>(List.of("Host", r.endpoint().host()));
        for (int i = 0; i < headers.size(); i += 2) {
            if (!headers.get(i).equalsIgnoreCase("Host")) {
                upstream.add(headers.get(i));
                upstream.add(headers.get(i + 1));
            }
        }
        CosRequest again;
        try {
            again = classify(method, r.wireTarget(), upstream);
        } catch (ClassificationException e) {
            throw new AssertionError("the rebuilt target " + r.wireTarget() + " of " + target + " was refused", e);
        }
        assertThat(again.endpoint()).as(target).isEqualTo(r.endpoint());
        assertThat(again.decodedPath()).as(target).isEqualTo(r.decodedPath());
        assertThat(again.key()).as(target).isEqualTo(r.key());
        assertThat(again.operation()).as(target).isEqualTo(r.operation());
        assertThat(again.needs()).as(target).isEqualTo(r.needs());
        assertThat(again.wireTarget()).as(target).isEqualTo(r.wireTarget());
        return true;
    }

    private static CosRequest classify(String method, String target, List<String> headers)
            throws ClassificationException {
        return Fixtures.CLASSIFIER.classify(method, target, RequestHeaders.of(headers.toArray(String[]::new)),
                Transport.plain("203.0.113.7"), Fixtures.DIRECTORY);
    }
}
