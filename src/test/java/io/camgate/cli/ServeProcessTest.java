package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.ProcessLines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camgate serve} in a JVM of its own, so that signals reach it: SIGHUP reloads, a
 * directory edit reloads, each new generation decides the next request, and SIGTERM stops it;
 * everything it writes is JSON lines, whose decisions replay with {@code loadtest diff}.
 */
class ServeProcessTest {
    private static final Pattern ADMIN = Pattern.compile("admin http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern INGRESS = Pattern.compile("ingress decisions .* on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void hangupAndEditsReloadTheServedGatewayAndTermStopsIt() throws Exception {
        Path dir = ExampleConfig.copyTo(tmp.resolve("config"));
        Files.writeString(dir.resolve("camgate.yaml"), """
                listen: {address: 127.0.0.1, port: 0, shutdownTimeout: 5s}
                admin: {address: 127.0.0.1, port: 0}
                ingress: {address: 127.0.0.1, port: 0}
                routes:
                  - {name: unused, buckets: [examplebucket-1250000001], upstream: "http://127.0.0.1:9", auth: none}
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process serve = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.camgate.cli.Main", "serve", "--config", dir.toString()).redirectErrorStream(true).start();
        try {
            ProcessLines out = ProcessLines.follow(serve, "serve");
            int admin = port(ADMIN, out.await(l -> ADMIN.matcher(l).find()));
            int ingress = port(INGRESS, out.await(l -> INGRESS.matcher(l).find()));
            DemoCall daveReadsSecret = new DemoCall("GET", OperatedGatewayTest.HOST, "/secret/plan.txt", new byte[0]);
            assertThat(daveReadsSecret.send(ingress, "/v1/ext-authz", Map.of(), OperatedGatewayTest.DAVE[0],
                    OperatedGatewayTest.DAVE[1]).code()).isEqualTo("AccessDenied");
            assertThat(readyz(admin)).contains("\"generation\":1");

            Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(serve.pid())).start();
            assertThat(hup.waitFor(30, TimeUnit.SECONDS)).isTrue();
            out.await(l -> l.contains("generation 2"));
            assertThat(readyz(admin)).contains("\"generation\":2");

            Files.writeString(dir.resolve("policies/deny-secret.json"), """
                    {"version": "2.0", "statement": [{"effect": "deny", "action": ["name/cos:*"],
                      "resource": ["qcs::cos::uid/1250000001:examplebucket-1250000001/other/*"]}]}""");
            out.await(l -> l.contains("generation 3"));
            assertThat(daveReadsSecret.send(ingress, "/v1/ext-authz", Map.of(), OperatedGatewayTest.DAVE[0],
                    OperatedGatewayTest.DAVE[1]).status()).isEqualTo(200);

            assertThat(serve.toHandle().destroy()).isTrue();
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            out.await(l -> l.contains("\"message\":\"stopped\""));
            everyLineIsOneJsonObjectAndTheDecisionsReplay(out.lines(), dir);
        } finally {
            serve.destroyForcibly();
        }
    }

    /**
     * What the process wrote (stdout and stderr) is JSON lines a log shipper takes as they are,
     * and the whole output replays with {@code loadtest diff --requests}: the decision lines (dave's
     * denial) are the requests, every other line is passed over.
     */
    private void everyLineIsOneJsonObjectAndTheDecisionsReplay(List<String> lines, Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode record = json.readTree(line);
            assertThat(record.isObject()).as(line).isTrue();
            assertThat(record.path("timestamp").asText()).as(line).matches("\\d{4}-\\d\\d-\\d\\dT.*");
            assertThat(record.path("level").asText()).as(line).isIn("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
            assertThat(record.path("logger").asText()).as(line).isNotEmpty();
            assertThat(record.has("message")).as(line).isTrue();
        }
        List<JsonNode> decisions = new ArrayList<>();
        for (String line : lines) {
            JsonNode record = json.readTree(line);
            if (record.path("logger").asText().equals("camgate.decisions")) {
                decisions.add(record);
            }
        }
        assertThat(decisions).hasSize(1);
        JsonNode denial = decisions.get(0);
        assertThat(denial.path("decision").asText()).isEqualTo("deny");
        assertThat(denial.path("requestId").asText()).isNotEmpty();
        assertThat(denial.path("snapshot").path("generation").asLong()).isEqualTo(1);
        assertThat(lines).anyMatch(l -> l.contains("\"logger\":\"camgate.access\"")
                && l.contains("\"requestId\":\"" + denial.path("requestId").asText() + "\""));

        Path log = tmp.resolve("serve.log");
        Files.write(log, lines);
        Run replay = Run.of("loadtest", "diff", "--from", dir.toString(), "--to", dir.toString(), "--requests",
                log.toString(), "--json");
        assertThat(replay.status()).as(replay.err()).isZero();
        assertThat(json.readTree(replay.out()).path("requests").asInt()).isEqualTo(1);
    }

    private static int port(Pattern pattern, String line) {
        Matcher m = pattern.matcher(line);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String readyz(int admin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin
                + "/readyz")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
