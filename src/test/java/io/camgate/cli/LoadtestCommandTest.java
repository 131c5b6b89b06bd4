package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camgate.authz.Decision;
import io.camgate.authz.Need;
import io.camgate.authz.Reason;
import io.camgate.identity.Principal;
import io.camgate.logs.DecisionLog;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.ResourceName;
import io.camgate.testing.ExampleConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadtestCommandTest {
    private static final String BUCKET = "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void engineReportsJsonWhoseCountsAddUpAndRepeatForTheSameSeed() throws IOException {
        Run first = Run.of("loadtest", "engine", "--config", "config", "--requests", "20000", "--seed", "77",
                "--threads", "2", "--json");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        JsonNode a = json.readTree(first.out());
        assertThat(a.get("seed").asLong()).isEqualTo(77);
        assertThat(a.get("requests").asLong()).isEqualTo(20000);
        long sum = 0;
        for (JsonNode n : a.get("reasons")) {
            sum += n.asLong();
        }
        assertThat(sum).isEqualTo(20000);
        long perAction = 0;
        for (JsonNode n : a.get("actions")) {
            perAction += n.get("requests").asLong();
            assertThat(n.get("allow").asLong() + n.get("deny").asLong()).isEqualTo(n.get("requests").asLong());
        }
        assertThat(perAction).isEqualTo(20000);
        assertThat(a.get("callers").get("exercised").asInt()).isEqualTo(9);
        assertThat(a.get("latencyMicros").get("p99").asDouble()).isPositive();

        JsonNode b = json.readTree(Run.of("loadtest", "engine", "--config", "config", "--requests", "20000", "--seed",
                "77", "--threads", "1", "--json").out());
        assertThat(b.get("reasons")).isEqualTo(a.get("reasons"));
        assertThat(b.get("actions")).isEqualTo(a.get("actions"));
    }

    @Test
    void aWarmupIsNotCounted() throws IOException {
        Run r = Run.of("loadtest", "engine", "--config", "config", "--requests", "3000", "--warmup", "0.2", "--seed", "4",
                "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode report = json.readTree(r.out());
        assertThat(report.get("requests").asLong()).isEqualTo(3000);
        assertThat(report.get("latencyMicros").get("count").asLong()).isEqualTo(3000);
        assertThat(Run.of("loadtest", "engine", "--config", "config", "--requests", "5", "--warmup", "-1").status())
                .isEqualTo(2);
    }

    @Test
    void engineWritesAReportWhenAsked(@TempDir Path dir) throws IOException {
        Path into = dir.resolve("report");
        Run r = Run.of("loadtest", "engine", "--config", "config", "--requests", "4000", "--seed", "3", "--threads", "1",
                "--report", into.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("report: " + into.resolve("report.html"));
        assertThat(Files.readString(into.resolve("report.html"))).contains("config, seed 3, 1 thread")
                .contains("4,000 decisions").contains("<svg");
        assertThat(Files.readAllLines(into.resolve("decisions.csv"))).hasSize(3);
        assertThat(into.resolve("decision.hgrm")).isNotEmptyFile();
    }

    @Test
    void engineTextNamesTheSeedAndTheReasons() {
        Run r = Run.of("loadtest", "engine", "--config", "config", "--requests", "5000", "--seed", "3");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("seed 3").contains("5,000 decisions").contains("implicit_deny")
                .contains("cos:getobject");
    }

    @Test
    void engineRefusesBothBoundsAndBadValues() {
        assertThat(Run.of("loadtest", "engine", "--config", "config", "--requests", "5", "--duration", "1").status())
                .isEqualTo(2);
        assertThat(Run.of("loadtest", "engine", "--config", "config", "--requests", "0").err()).contains("positive");
        assertThat(Run.of("loadtest", "engine", "--config", "config", "--threads", "0", "--requests", "5").status())
                .isEqualTo(2);
        assertThat(Run.of("loadtest", "engine", "--config", "nowhere", "--requests", "5").status()).isEqualTo(1);
    }

    private static Path copyWithDenyMoved(Path into) throws IOException {
        ExampleConfig.copyTo(into);
        Path deny = into.resolve("policies/deny-secret.json");
        Files.writeString(deny, Files.readString(deny).replace("/secret/*", "/private/*"));
        return into;
    }

    @Test
    void diffReplaysRequestsAndGroupsTheChanges(@TempDir Path dir) throws IOException {
        Path next = copyWithDenyMoved(dir.resolve("next"));
        Path requests = dir.resolve("requests.jsonl");
        Files.writeString(requests, String.join("\n",
                line("100000000014", "name/cos:GetObject", "secret/plan.txt"),
                line("100000000014", "name/cos:PutObject", "private/a.txt"),
                line("100000000011", "name/cos:GetObject", "secret/plan.txt"),
                "",
                line("anonymous", "name/cos:GetObject", "public/logo.png")) + "\n");
        Run r = Run.of("loadtest", "diff", "--from", "config", "--to", next.toString(), "--requests",
                requests.toString(), "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode report = json.readTree(r.out());
        assertThat(report.get("requests").asInt()).isEqualTo(4);
        assertThat(report.get("changed").asInt()).isEqualTo(2);
        assertThat(report.get("opened").asInt()).isEqualTo(1);
        assertThat(report.get("closed").asInt()).isEqualTo(1);
        JsonNode callers = report.get("callers");
        assertThat(callers).hasSize(1);
        assertThat(callers.get(0).get("caller").asText()).isEqualTo("100000000014");
        JsonNode actions = callers.get(0).get("actions");
        assertThat(actions.get(0).get("action").asText()).isEqualTo("cos:getobject");
        JsonNode change = actions.get(0).get("changes").get(0);
        assertThat(change.get("resource").asText()).endsWith("/secret/plan.txt");
        assertThat(change.get("from").get("reason").asText()).isEqualTo("explicit_deny");
        assertThat(change.get("to").get("decision").asText()).isEqualTo("allow");
        assertThat(actions.get(1).get("action").asText()).isEqualTo("cos:putobject");

        Run text = Run.of("loadtest", "diff", "--from", "config", "--to", next.toString(), "--requests",
                requests.toString());
        assertThat(text.out()).contains("2 of 4 requests change").contains("deny (explicit_deny) -> allow (allowed)");
    }

    @Test
    void diffReplaysTheGatewaysDecisionLog(@TempDir Path dir) throws IOException {
        Path next = copyWithDenyMoved(dir.resolve("next"));
        List<String> logged = new ArrayList<>();
        DecisionLog log = new DecisionLog(1, fields -> logged.add(fields.toString()));
        Principal dave = new Principal.SubUser("100000000014", "100000000001");
        List<Need> needs = List.of(new Need("name/cos:GetObject", ResourceName.parse(BUCKET + "/secret/plan.txt")),
                new Need("name/cos:PutObject", ResourceName.parse(BUCKET + "/private/a.txt")));
        log.record("req-1", 1, "sha256:0123456789abcdef", dave, needs,
                ConditionContext.builder().add("qcs:ip", "10.1.2.3").build(),
                new Decision(false, Reason.EXPLICIT_DENY, List.of()));
        Path requests = dir.resolve("decisions.jsonl");
        Files.write(requests, logged);

        Run r = Run.of("loadtest", "diff", "--from", "config", "--to", next.toString(), "--requests",
                requests.toString(), "--json");

        assertThat(r.status()).as(r.err()).isZero();
        JsonNode report = json.readTree(r.out());
        assertThat(report.get("requests").asInt()).isEqualTo(2);
        assertThat(report.get("opened").asInt()).isEqualTo(1);
        assertThat(report.get("closed").asInt()).isEqualTo(1);
    }

    @Test
    void diffStopsAtABadLineAndNamesIt(@TempDir Path dir) throws IOException {
        Path requests = dir.resolve("bad.jsonl");
        Files.writeString(requests, line("100000000014", "name/cos:GetObject", "a.txt") + "\n{\"principal\":\"999\","
                + "\"action\":\"cos:GetObject\",\"resource\":\"*\"}\n");
        Run r = Run.of("loadtest", "diff", "--from", "config", "--to", "config", "--requests", requests.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("line 2").contains("unknown principal \"999\"");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void diffOfASetWithItselfChangesNothing() {
        Run r = Run.of("loadtest", "diff", "--from", "config", "--to", "config", "--seed", "1");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("0 of ");
        Run gated = Run.of("loadtest", "diff", "--from", "config", "--to", "config", "--seed", "1", "--fail-on-change");
        assertThat(gated.status()).isZero();
    }

    @Test
    void diffFailsOnChangeOnlyWhenAsked(@TempDir Path dir) throws IOException {
        Path next = copyWithDenyMoved(dir.resolve("next"));
        Run plain = Run.of("loadtest", "diff", "--from", "config", "--to", next.toString(), "--seed", "1");
        assertThat(plain.status()).isZero();
        assertThat(plain.out()).doesNotStartWith("0 of ");
        Run gated = Run.of("loadtest", "diff", "--from", "config", "--to", next.toString(), "--seed", "1",
                "--fail-on-change");
        assertThat(gated.status()).isEqualTo(1);
        assertThat(gated.out()).isEqualTo(plain.out());
    }

    @Test
    void httpCountsEveryRequestAGatewayNeverAnsweredAsAFailure() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Run r = Run.of("loadtest", "http", "--target", "http://127.0.0.1:" + closed, "--config", "config", "--rate", "20",
                "--duration", "1", "--seed", "2", "--json");
        assertThat(r.status()).as(r.err()).isEqualTo(3);
        JsonNode report = json.readTree(r.out());
        assertThat(report.get("scheduled").asLong()).isEqualTo(20);
        assertThat(report.get("ended").asLong()).isEqualTo(20);
        assertThat(report.get("mismatchCount").asLong()).isZero();
        long failed = 0;
        for (var it = report.get("failures").fields(); it.hasNext();) {
            var e = it.next();
            assertThat(e.getKey()).startsWith("connect");
            failed += e.getValue().asLong();
        }
        assertThat(failed).isEqualTo(20);
        assertThat(report.get("writes").get("allowed").asBoolean()).isFalse();
        assertThat(report.get("writes").get("leftOut").get("cos:putobject").asLong()).isPositive();
        assertThat(report.get("writes").get("leftOut").get("cos:deleteobject").asLong()).isPositive();

        Run text = Run.of("loadtest", "http", "--target", "http://127.0.0.1:" + closed, "--config", "config", "--rate",
                "5", "--duration", "1", "--seed", "2");
        assertThat(text.out()).containsPattern("writes left out \\(--allow-writes sends them\\): "
                + "cos:\\w+object x\\d+, cos:\\w+object x\\d+\n");

        Run writing = Run.of("loadtest", "http", "--target", "http://127.0.0.1:" + closed, "--config", "config",
                "--rate", "5", "--duration", "1", "--seed", "2", "--allow-writes", "--json");
        JsonNode writes = json.readTree(writing.out()).get("writes");
        assertThat(writes.get("allowed").asBoolean()).isTrue();
        assertThat(writes.get("prefix").asText()).matches("camgate-loadtest/[0-9a-z]+/");
        assertThat(writes.get("written").asInt()).isZero();
        assertThat(writes.has("leftOut")).isFalse();
    }

    @Test
    void httpRefusesTargetsItCannotDrive() {
        Run ftp = Run.of("loadtest", "http", "--target", "ftp://127.0.0.1:1", "--config", "config", "--rate", "1",
                "--duration", "1");
        assertThat(ftp.status()).isEqualTo(2);
        assertThat(ftp.err()).contains("http://HOST[:PORT] or https://HOST[:PORT]");
        Run badCa = Run.of("loadtest", "http", "--target", "https://127.0.0.1:1", "--config", "config", "--rate", "1",
                "--duration", "1", "--ca", "README.md");
        assertThat(badCa.status()).isEqualTo(2);
        assertThat(badCa.err()).contains("--ca README.md");
        assertThat(Run.of("loadtest", "http", "--target", "http://127.0.0.1:1", "--config", "config", "--rate", "0",
                "--duration", "1").status()).isEqualTo(2);
    }

    private static String line(String principal, String action, String key) {
        return "{\"principal\":\"" + principal + "\",\"action\":\"" + action + "\",\"resource\":\"" + BUCKET + "/"
                + key + "\",\"context\":{\"qcs:ip\":\"10.1.2.3\",\"cos:secure-transport\":\"true\"}}";
    }
}
