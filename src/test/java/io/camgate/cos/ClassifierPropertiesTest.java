package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** Whatever arrives, classification either refuses with a COS error or yields a request that survives the wire. */
class ClassifierPropertiesTest {
    /** At least a tenth of the tries must classify (about a fifth do), or the round trip proves little. */
    @Property
    @StatisticsReport(onFailureOnly = true)
    void refusesOrRoundTripsAnyTarget(@ForAll("methods") String method, @ForAll("hosts") String host,
            @ForAll("targets") String target) {
        Statistics.coverage(c -> c.check("classified").percentage(p -> p >= 10));
        CosRequest r;
        try {
            r = Fixtures.classify(method, host, target);
        } catch (ClassificationException e) {
            assertThat(e.error()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("classified");
        assertThat(r.needs().isEmpty()).isEqualTo(r.awaitsBody());
        CosRequest again;
        try {
            again = Fixtures.classify(method, host, r.wireTarget());
        } catch (ClassificationException e) {
            throw new AssertionError("the rebuilt target " + r.wireTarget() + " of " + target + " was refused", e);
        }
        assertThat(again.decodedPath()).isEqualTo(r.decodedPath());
        assertThat(again.key()).isEqualTo(r.key());
        assertThat(again.bucket()).isEqualTo(r.bucket());
        assertThat(again.needs()).isEqualTo(r.needs());
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS");
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.of(Fixtures.HOST, "cos.ap-beijing.myqcloud.com", "service.cos.myqcloud.com",
                Fixtures.BUCKET + ".ci.ap-beijing.myqcloud.com", Fixtures.BUCKET + ".cos-website.ap-beijing.myqcloud.com",
                "img.example.com");
    }

    @Provide
    Arbitrary<String> targets() {
        Arbitrary<String> clean = Arbitraries.of("", ".", "..", "a", "+", "%2F", "%2f", "%25", "%252F", "%E8%85%BE",
                "%20", ";", "%5C", "jobs", Fixtures.BUCKET, "~", "a.b", "%2E", "a%2Bb");
        Arbitrary<String> wild = Arbitraries.oneOf(Arbitraries.of("%00", "%C0%AF", "%", "%G", "\\", " ", "%ED%A0%80"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(4));
        Arbitrary<String> piece = Arbitraries.frequencyOf(Tuple.of(9, clean), Tuple.of(1, wild));
        Arbitrary<String> path = piece.list().ofMaxSize(5).map(parts -> "/" + String.join("/", parts));
        Arbitrary<String> param = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of("acl", "uploads", "uploadId=u", "partNumber=1", "prefix=a%2Fb", "versionId=",
                        "delete", "ci-process=snapshot", "imageMogr2/thumbnail/!50p", "tagging", "cancel", "style",
                        "response-content-type=image/jpeg")),
                Tuple.of(1, Arbitraries.of("x=1", "a=%ZZ", "=v")));
        Arbitrary<String> query = param.list().ofMaxSize(2).map(ps -> ps.isEmpty() ? "" : "?" + String.join("&", ps));
        return Combinators.combine(path, query).as((p, q) -> p + q);
    }
}
