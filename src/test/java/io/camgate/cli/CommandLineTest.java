package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.authz.index.EngineKind;
import io.camgate.config.ConfigLoader;
import io.camgate.testing.ExampleConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
    private static final String BUCKET = "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void checkSummarisesTheExample() {
        Run r = Run.of("check", "--config", "config");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("OK").contains("2 root accounts").contains("6 sub-users").contains("1 group,")
                .contains("9 access keys (8 active)").contains("1 bucket policy,")
                .contains("camgate.yaml: 1 route on 127.0.0.1:8080")
                .contains("route local-s3: examplebucket-1250000001, partnerbucket-1250000002 → http://127.0.0.1:9000");
    }

    @Test
    void checkReportsProblemsInCamgateYaml(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("accounts.yaml"), "accounts: []\n");
        Files.writeString(dir.resolve("camgate.yaml"), "routes:\n  - {name: x, buckets: [b-1250000001], "
                + "upstream: \"http://h:1\", auth: sideways}\n");
        Run r = Run.of("check", "--config", dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("camgate.yaml at /routes/0/auth: expected one of [passthrough, sigv4, cos, none]");
    }

    @Test
    void checkListsTheIngressListener(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("accounts.yaml"), "accounts: []\n");
        Files.writeString(dir.resolve("camgate.yaml"), "ingress: {port: 8081}\nroutes:\n  - {name: x, "
                + "buckets: [b-1250000001], upstream: \"http://h:1\", auth: none}\n");
        Run r = Run.of("check", "--config", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("ingress decisions (auth_request, ext_authz) on 127.0.0.1:8081");
    }

    @Test
    void demoShowsAllowedAndDeniedRequestsAndStops() {
        Run r = Run.of("demo", "--port", "0", "--admin-port", "0", "--exit-after-requests");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("admin listener: http://127\\.0\\.0\\.1:\\d+ ");
        assertThat(r.out()).contains("ALLOW allowed, user policy cos-read-write statement 0 (allow)")
                .contains("DENY  implicit_deny").contains("DENY  explicit_deny, user policy deny-secret")
                .contains("ALLOW allowed, bucket policy examplebucket-1250000001 statement 0 (allow)")
                .doesNotContain("UNEXPECTED").contains("curl -i -H 'Host: examplebucket-1250000001.cos");
    }

    @Test
    void checkListsEveryProblemAndFails(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("accounts.yaml"), "accounts:\n  - uin: abc\n    appid: \"1\"\n");
        Files.writeString(dir.resolve("policies/p.json"), "{\"version\":\"1.0\",\"statement\":[]}");
        Run r = Run.of("check", "--config", dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("accounts.yaml at /accounts/0/uin: must be decimal digits")
                .contains("p.json at /version").contains("p.json at /statement: \"statement\" has no statements")
                .contains("3 problems");
    }

    @Test
    void checkReportsEveryFileAtOnceAndNoCascade(@TempDir Path dir) throws IOException {
        Path config = ExampleConfig.copyTo(dir.resolve("config"));
        // dave and bob attach this policy: its own problem is reported, not one more per user
        Files.writeString(config.resolve("policies/cos-read-write.json"), "{\"version\": \"2.0\", \"statement\": [");
        Files.writeString(config.resolve("camgate.yaml"), Files.readString(config.resolve("camgate.yaml"))
                .replace("upstream:", "upstrem:"));
        Run r = Run.of("check", "--config", config.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains(config.resolve("policies/cos-read-write.json") + ": not valid JSON")
                .contains(config.resolve("camgate.yaml") + " at /routes/0/upstrem: unknown field \"upstrem\"")
                .contains(config.resolve("camgate.yaml") + " at /routes/0/upstream: missing")
                .doesNotContain("no policy").contains("3 problems");
    }

    @Test
    void explainPrintsOneDecision() throws Exception {
        Run r = Run.of("explain", "--config", "config", "--principal", "100000000014", "--action", "name/cos:GetObject",
                "--resource", BUCKET + "/secret/plan.txt");
        assertThat(r.status()).isZero();
        JsonNode d = json.readTree(r.out());
        assertThat(d.get("decision").asText()).isEqualTo("deny");
        assertThat(d.get("reason").asText()).isEqualTo("explicit_deny");
        assertThat(d.get("statements").get(0).get("policy").asText()).isEqualTo("deny-secret");
        assertThat(d.get("revision").asText()).as("the revision of the directory decided with")
                .isEqualTo(ConfigLoader.withSystemEnvironment().load(Path.of("config"), 1).revision());
    }

    @Test
    void explainUsesExactlyTheGivenContext() throws IOException {
        String[] base = {"explain", "--config", "config", "--principal", "100000000015", "--action",
            "name/cos:GetObject", "--resource", BUCKET + "/a.txt"};
        assertThat(json.readTree(Run.of(base).out()).get("reason").asText()).isEqualTo("implicit_deny");
        List<String> withIp = new ArrayList<>(List.of(base));
        withIp.addAll(List.of("--context", "qcs:ip=192.168.1.20"));
        assertThat(json.readTree(Run.of(withIp.toArray(String[]::new)).out()).get("decision").asText())
                .isEqualTo("allow");
        withIp.addAll(List.of("--context", "cos:secure-transport=false"));
        assertThat(json.readTree(Run.of(withIp.toArray(String[]::new)).out()).get("reason").asText())
                .isEqualTo("explicit_deny");
    }

    @Test
    void aDenyOnAnIpv4BlockHoldsForTheMappedFormsOfItsAddresses(@TempDir Path dir) throws IOException {
        // issue 16: explain --context qcs:ip=::ffff:203.0.113.9 was allowed past a deny on 203.0.113.0/24
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("accounts.yaml"), """
                accounts:
                  - uin: "100000000001"
                    appid: "1250000001"
                    users:
                      - {uin: "100000000011", name: frank, policies: [read-but-not-from-there]}
                """);
        Files.writeString(dir.resolve("policies/read-but-not-from-there.json"), """
                {"version": "2.0", "statement": [
                  {"effect": "allow", "action": "name/cos:GetObject", "resource": "*"},
                  {"effect": "deny", "action": "name/cos:*", "resource": "*",
                   "condition": {"ip_equal": {"qcs:ip": ["203.0.113.0/24", "::ffff:198.51.100.0/120"]}}}]}
                """);
        String[] base = {"explain", "--config", dir.toString(), "--principal", "100000000011", "--action",
            "name/cos:GetObject", "--resource", BUCKET + "/a.txt", "--context"};
        for (String ip : List.of("203.0.113.9", "::ffff:203.0.113.9", "::ffff:cb00:7109", "0:0:0:0:0:FFFF:cb00:7109",
                "198.51.100.7", "::ffff:198.51.100.7")) {
            Run r = Run.of(concat(base, "qcs:ip=" + ip));
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(json.readTree(r.out()).get("reason").asText()).as(ip).isEqualTo("explicit_deny");
        }
        for (String ip : List.of("192.0.2.1", "::ffff:192.0.2.1", "2001:db8::cb00:7109")) {
            assertThat(json.readTree(Run.of(concat(base, "qcs:ip=" + ip)).out()).get("decision").asText()).as(ip)
                    .isEqualTo("allow");
        }
    }

    private static String[] concat(String[] base, String last) {
        List<String> all = new ArrayList<>(List.of(base));
        all.add(last);
        return all.toArray(String[]::new);
    }

    @Test
    void explainRejectsUnknownPrincipalAndMissingOptions() {
        Run unknown = Run.of("explain", "--config", "config", "--principal", "42", "--action", "cos:GetObject",
                "--resource", "*");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown principal \"42\"");
        Run missing = Run.of("explain", "--config", "config", "--principal", "42");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("--batch");
    }

    @Test
    void batchAnswersEveryLineInOrderAndSurvivesBadLines(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.jsonl");
        Files.write(in, List.of(
                "{\"principal\":\"anonymous\",\"action\":\"name/cos:GetObject\",\"resource\":\"" + BUCKET
                        + "/public/x.png\"}",
                "{not json",
                "{\"principal\":\"100000000011\",\"action\":\"name/cos:GetBucket\",\"resource\":\"" + BUCKET
                        + "/\",\"context\":{\"cos:prefix\":[\"media%2F\",\"media%2Fa\"]}}",
                "{\"principal\":\"100000000011\",\"action\":\"name/cos:GetObject\",\"resource\":\"nonsense\"}",
                "{\"principal\":\"100000000001\",\"action\":\"name/cos:DeleteObject\",\"resource\":\"" + BUCKET
                        + "/any\"}"));
        Run r = Run.of("explain", "--config", "config", "--batch", in.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("2 of 5 lines failed (their answers hold \"error\")\n");
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            lines.add(json.readTree(l));
        }
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0).get("reason").asText()).isEqualTo("allowed");
        assertThat(lines.get(0).get("statements").get(0).get("source").asText()).isEqualTo("bucket");
        assertThat(lines.get(1).get("error").asText()).startsWith("not valid JSON");
        assertThat(lines.get(2).get("decision").asText()).isEqualTo("allow");
        assertThat(lines.get(3).get("error").asText()).contains("nonsense");
        assertThat(lines.get(4).get("reason").asText()).isEqualTo("root");

        Files.write(in, List.of("{\"principal\":\"anonymous\",\"action\":\"name/cos:GetObject\",\"resource\":\""
                + BUCKET + "/public/x.png\"}"));
        Run clean = Run.of("explain", "--config", "config", "--batch", in.toString());
        assertThat(clean.status()).isZero();
        assertThat(clean.err()).isEmpty();
    }

    @Test
    void explainDecidesWithTheIndexUnlessTheReferenceIsAskedFor() {
        assertThat(engineOf()).isEqualTo(EngineKind.INDEX);
        assertThat(engineOf("--engine", "index")).isEqualTo(EngineKind.INDEX);
        assertThat(engineOf("--engine", "reference")).isEqualTo(EngineKind.REFERENCE);
        assertThat(engineOf("--engine", "Reference")).isEqualTo(EngineKind.REFERENCE);
        Run bad = Run.of("explain", "--config", "config", "--engine", "scan", "--principal", "anonymous", "--action",
                "cos:GetObject", "--resource", "*");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("--engine is index or reference, not \"scan\"");
        assertThat(bad.out()).isEmpty();
    }

    private static EngineKind engineOf(String... engineArgs) {
        ExplainCommand command = new ExplainCommand();
        CommandLine cl = new CommandLine(command);
        List<String> args = new ArrayList<>(List.of("--config", "config", "--batch", "-"));
        args.addAll(List.of(engineArgs));
        cl.parseArgs(args.toArray(String[]::new));
        return command.engineKind();
    }

    @Test
    void bothEnginesGiveTheSameAnswersOneByOneAndInBatch(@TempDir Path dir) throws IOException {
        String[][] questions = {
            {"100000000014", "name/cos:GetObject", BUCKET + "/secret/plan.txt"},
            {"100000000013", "name/cos:PutObject", BUCKET + "/a.txt"},
            {"anonymous", "name/cos:GetObject", BUCKET + "/public/logo.png"},
            {"100000000021", "name/cos:GetObject", BUCKET + "/shared/report.pdf"},
            {"100000000001", "name/cos:DeleteObject", BUCKET + "/any"},
        };
        List<String> lines = new ArrayList<>();
        for (String[] q : questions) {
            String[] base = {"explain", "--config", "config", "--principal", q[0], "--action", q[1], "--resource",
                q[2]};
            Run byDefault = Run.of(base);
            Run index = Run.of(withEngine(base, "index"));
            Run reference = Run.of(withEngine(base, "reference"));
            assertThat(byDefault.status()).isZero();
            assertThat(json.readTree(byDefault.out()).has("decision")).isTrue();
            assertThat(index.out()).isEqualTo(byDefault.out());
            assertThat(reference.out()).isEqualTo(byDefault.out());
            lines.add("{\"principal\":\"" + q[0] + "\",\"action\":\"" + q[1] + "\",\"resource\":\"" + q[2] + "\"}");
        }
        lines.add("{\"principal\":\"42\",\"action\":\"cos:GetObject\",\"resource\":\"*\"}");
        Path in = dir.resolve("in.jsonl");
        Files.write(in, lines);
        Run index = Run.of("explain", "--config", "config", "--batch", in.toString());
        Run reference = Run.of("explain", "--config", "config", "--engine", "reference", "--batch", in.toString());
        assertThat(index.status()).isEqualTo(2);
        assertThat(reference.status()).isEqualTo(2);
        assertThat(index.out().split("\n")).hasSize(questions.length + 1);
        assertThat(index.out()).contains("\"explicit_deny\"").contains("\"root\"").contains("unknown principal");
        assertThat(reference.out()).isEqualTo(index.out());
    }

    private static String[] withEngine(String[] base, String engine) {
        List<String> args = new ArrayList<>(List.of(base));
        args.addAll(List.of("--engine", engine));
        return args.toArray(String[]::new);
    }
}
