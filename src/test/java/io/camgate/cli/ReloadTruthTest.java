package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camgate.config.GatewaySettings;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.proxy.RequestObserver;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.RecordingUpstream;
import io.camgate.testing.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads of a served directory whose camgate.yaml changes, over real files, a running gateway,
 * its admin listener and two real s3proxy stores: a changed upstream moves the traffic and the
 * old store's connections close; a typo is rejected with file, pointer and reason; a changed
 * listener is refused, counted and shown by {@code /readyz}; in both cases the last good
 * configuration keeps serving, whole.
 */
class ReloadTruthTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTE = """
            listen: {address: 127.0.0.1, port: 0}
            admin: {address: 127.0.0.1, port: 0}
            routes:
              - name: store
                buckets: [examplebucket-1250000001]
                %s: %s
                auth: sigv4
                accessKey: %s
                secretKey: %s
            """;

    @TempDir
    static Path stores;
    static S3ProxyServer first;
    static S3ProxyServer second;

    @TempDir
    Path tmp;
    private RecordingUpstream toFirst;
    private OperatedGateway served;
    private Path dir;

    @BeforeAll
    static void startStores() throws IOException {
        first = S3ProxyServer.start(Files.createDirectories(stores.resolve("first")));
        second = S3ProxyServer.start(Files.createDirectories(stores.resolve("second")));
    }

    @AfterAll
    static void stopStores() {
        first.close();
        second.close();
    }

    @BeforeEach
    void start() throws Exception {
        toFirst = RecordingUpstream.start(first.uri());
        dir = ExampleConfig.copyTo(tmp.resolve("config"));
        write(camgateYaml("upstream", toFirst.uri()));
        GatewaySettings settings = new GatewaySettingsLoader(name -> null).load(dir);
        served = OperatedGateway.start(dir, settings, null, RequestObserver.NONE, Clock.systemUTC());
        assertThat(send("PUT", "/", "").status()).isIn(200, 409);
        assertThat(send("PUT", "/first.txt", "to the first store\n").status()).isEqualTo(200);
        assertThat(stored(first, "first.txt")).hasContent("to the first store");
    }

    @AfterEach
    void stop() throws Exception {
        served.close();
        toFirst.close();
    }

    private static String camgateYaml(String upstreamField, URI upstream) {
        return ROUTE.formatted(upstreamField, upstream, S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL);
    }

    /** Replaces camgate.yaml in one step, as a ConfigMap update or an editor's rename does. */
    private void write(String text) throws IOException {
        Path next = dir.resolve(".camgate.yaml.next");
        Files.writeString(next, text);
        Files.move(next, dir.resolve("camgate.yaml"), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path stored(S3ProxyServer store, String key) {
        Path root = store == first ? stores.resolve("first") : stores.resolve("second");
        return root.resolve("data/examplebucket-1250000001").resolve(key);
    }

    private DemoCall.Reply send(String method, String path, String body) throws IOException {
        return new DemoCall(method, OperatedGatewayTest.HOST, path, body.getBytes(StandardCharsets.UTF_8))
                .send(served.gateway().port(), OperatedGatewayTest.ROOT[0], OperatedGatewayTest.ROOT[1]);
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.operations().admin().port()
                + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ready() throws Exception {
        HttpResponse<String> r = admin("GET", "/readyz");
        assertThat(r.statusCode()).as("the last good configuration still serves").isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void aChangedUpstreamMovesTheTrafficAndClosesTheOldStoresConnections() throws Exception {
        assertThat(toFirst.connectionsAccepted()).isPositive();
        write(camgateYaml("upstream", second.uri()));
        HttpResponse<String> reload = admin("POST", "/admin/reload");
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        toFirst.clear();

        assertThat(send("PUT", "/", "").status()).isIn(200, 409);
        assertThat(send("PUT", "/second.txt", "to the second store\n").status()).isEqualTo(200);
        assertThat(stored(second, "second.txt")).hasContent("to the second store");
        assertThat(stored(first, "second.txt")).doesNotExist();
        assertThat(toFirst.requests()).as("nothing more reaches the old store").isEmpty();
        assertThat(toFirst.awaitConnectionsClosed()).as("the retired pool closed its connections").isZero();
        assertThat(ready().get("lastReload").get("outcome").asText()).isEqualTo("published");
    }

    @Test
    void aTypoIsRejectedWithFilePointerAndReasonAndTheOldRoutesStay() throws Exception {
        long generation = ready().get("generation").asLong();
        write(camgateYaml("upstrem", second.uri()));
        HttpResponse<String> reload = admin("POST", "/admin/reload");
        assertThat(reload.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(reload.body());
        assertThat(body.get("published").asBoolean()).isFalse();
        assertThat(body.get("outcome").asText()).isEqualTo("rejected");
        assertThat(body.get("problems")).anySatisfy(p -> {
            assertThat(p.get("file").asText()).isEqualTo(dir.resolve("camgate.yaml").toString());
            assertThat(p.get("pointer").asText()).isEqualTo("/routes/0/upstrem");
            assertThat(p.get("reason").asText()).startsWith("unknown field \"upstrem\"");
        });

        JsonNode ready = ready();
        assertThat(ready.get("generation").asLong()).isEqualTo(generation);
        assertThat(ready.get("lastReload").get("outcome").asText()).isEqualTo("rejected");
        assertThat(ready.get("lastReload").get("problems").get(0).get("pointer").asText())
                .isEqualTo("/routes/0/upstrem");
        assertThat(send("PUT", "/still-first.txt", "old route\n").status()).isEqualTo(200);
        assertThat(stored(first, "still-first.txt")).exists();
    }

    @Test
    void aChangedListenerIsRefusedCountedAndShownWhileTheWholeOldConfigurationServes() throws Exception {
        long generation = ready().get("generation").asLong();
        // the new route would be valid, but comes with a listener change: nothing of it applies
        write(camgateYaml("upstream", second.uri()).replace("listen: {address: 127.0.0.1, port: 0}",
                "listen: {address: 127.0.0.1, port: 18080}"));
        HttpResponse<String> reload = admin("POST", "/admin/reload");
        assertThat(reload.statusCode()).isEqualTo(409);
        JsonNode body = JSON.readTree(reload.body());
        assertThat(body.get("outcome").asText()).isEqualTo("refused");
        assertThat(body.get("problems")).singleElement().satisfies(p -> {
            assertThat(p.get("file").asText()).isEqualTo(dir.resolve("camgate.yaml").toString());
            assertThat(p.get("pointer").asText()).isEqualTo("/listen/port");
            assertThat(p.get("reason").asText()).isEqualTo("the listener's port changes from 0 to 18080, which"
                    + " takes a restart; the running configuration stays in force");
        });

        JsonNode ready = ready();
        assertThat(ready.get("generation").asLong()).isEqualTo(generation);
        assertThat(ready.get("lastReload").get("outcome").asText()).isEqualTo("refused");
        assertThat(ready.get("lastReload").get("problems").get(0).get("pointer").asText()).isEqualTo("/listen/port");
        Scrape metrics = Scrape.parse(admin("GET", "/metrics").body());
        assertThat(metrics.sum("camgate_config_reloads_refused_total", Map.of("set", "live"))).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("camgate_policy_load_failures_total", Map.of("set", "live")))
                .as("a refusal is not a validation failure").isZero();
        assertThat(send("PUT", "/refused.txt", "old route\n").status()).isEqualTo(200);
        assertThat(stored(first, "refused.txt")).exists();
        assertThat(stored(second, "refused.txt")).doesNotExist();

        // put back, the same reload publishes and readiness says so
        write(camgateYaml("upstream", toFirst.uri()));
        assertThat(admin("POST", "/admin/reload").statusCode()).isEqualTo(200);
        assertThat(ready().get("lastReload").get("outcome").asText()).isEqualTo("published");
    }
}
