package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.testing.Trials;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Whatever arrives, classification either refuses with a COS error or yields a request that survives the wire. */
class ClassifierPropertiesTest {
    private static final int TRIES = 1000;
    private static final List<String> METHODS = List.of("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS");
    private static final List<String> HOSTS = List.of(Fixtures.HOST, "cos.ap-beijing.myqcloud.com",
            "service.cos.myqcloud.com", Fixtures.BUCKET + ".ci.ap-beijing.myqcloud.com",
            Fixtures.BUCKET + ".cos-website.ap-beijing.myqcloud.com", "img.example.com");
    private static final List<String> CLEAN_PIECES = List.of("", ".", "..", "a", "+", "%2F", "%2f", "%25", "%252F",
            "%E8%85%BE", "%20", ";", "%5C", "jobs", Fixtures.BUCKET, "~", "a.b", "%2E", "a%2Bb");
    private static final List<String> WILD_PIECES = List.of("%00", "%C0%AF", "%", "%G", "\\", " ", "%ED%A0%80");
    private static final List<String> PARAMS = List.of("acl", "uploads", "uploadId=u", "partNumber=1",
            "prefix=a%2Fb", "versionId=", "delete", "ci-process=snapshot", "imageMogr2/thumbnail/!50p", "tagging",
            "cancel", "style", "response-content-type=image/jpeg");
    private static final List<String> ODD_PARAMS = List.of("x=1", "a=%ZZ", "=v");

    /** At least a tenth of the tries must classify (about a fifth do), or the round trip proves little. */
    @Test
    void refusesOrRoundTripsAnyTarget() {
        AtomicInteger classified = new AtomicInteger();
        Trials.run(TRIES, random -> {
            if (RoundTrip.refusesOrRoundTrips(Trials.pick(random, METHODS), target(random),
                    List.of("Host", Trials.pick(random, HOSTS)))) {
                classified.incrementAndGet();
            }
        });
        assertThat(classified.get()).isGreaterThanOrEqualTo(TRIES * Integer.getInteger("camgate.test.scale", 1) / 10);
    }

    /** A path of up to five pieces (one in ten wild) and up to two parameters (one in thirteen odd). */
    private static String target(Random random) {
        String path = "/" + String.join("/", Trials.list(random, 0, 5, ClassifierPropertiesTest::piece));
        List<String> params = Trials.list(random, 0, 2,
                r -> r.nextInt(13) == 0 ? Trials.pick(r, ODD_PARAMS) : Trials.pick(r, PARAMS));
        return params.isEmpty() ? path : path + "?" + String.join("&", params);
    }

    private static String piece(Random random) {
        if (random.nextInt(10) != 0) {
            return Trials.pick(random, CLEAN_PIECES);
        }
        return random.nextBoolean() ? Trials.pick(random, WILD_PIECES)
                : Trials.string(random, "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
                        + "abcdefghijklmnopqrstuvwxyz{|}~", 4);
    }
}
