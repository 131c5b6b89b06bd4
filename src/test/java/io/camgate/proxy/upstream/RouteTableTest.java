package io.camgate.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.cos.CosRequest;
import io.camgate.cos.CosSettings;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.identity.Directory;
import io.camgate.proxy.ExampleGateway;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which route a request takes: by host on COS endpoints, by bucket first at the gateway's own address. */
class RouteTableTest {
    private static final String BUCKET = ExampleGateway.BUCKET;
    private static final String COS_HOST = "cos.ap-shanghai.myqcloud.com";
    private static Directory directory;
    private static RouteTable table;
    private final RequestClassifier classifier = new RequestClassifier(CosSettings.DEFAULTS, Clock.systemUTC());

    @BeforeAll
    static void load() throws Exception {
        directory = ExampleGateway.exampleSnapshot().directory();
        URI store = URI.create("http://127.0.0.1:9");
        table = new RouteTable(List.of(
                ExampleGateway.route("buckets", List.of(BUCKET), List.of(), store),
                ExampleGateway.route("gateway", List.of(), List.of("camgate.storage.svc", "127.0.0.1"), store),
                ExampleGateway.route("endpoint", List.of(), List.of(COS_HOST), store)));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            // at the gateway's address the host names no store: a bucket keeps its own route
            "camgate.storage.svc:8080, /" + BUCKET + "/a.txt, buckets",
            "127.0.0.1, /" + BUCKET + "/a.txt, buckets",
            // and only what names no bucket, ListBuckets, takes the route naming the address
            "camgate.storage.svc:8080, /, gateway",
            "127.0.0.1, /, gateway",
            // a bucket of the directory that no route names is not sent to the address's route
            "127.0.0.1, /partnerbucket-1250000002/a.txt, ",
            // a COS endpoint named by a route takes everything under it, as before
            COS_HOST + ", /" + BUCKET + "/a.txt, endpoint",
            COS_HOST + ", /, endpoint",
            BUCKET + ".cos.ap-shanghai.myqcloud.com, /a.txt, buckets",
    })
    void routesByHostOnCosEndpointsAndByBucketFirstAtTheGatewaysAddress(String host, String target, String route)
            throws Exception {
        CosRequest request = classifier.classify("GET", target,
                RequestHeaders.of(List.of("Host"), List.of(host)), Transport.plain("192.0.2.7"), directory);
        Route found = table.find(request);
        assertThat(found == null ? null : found.settings().name()).isEqualTo(route);
    }
}
