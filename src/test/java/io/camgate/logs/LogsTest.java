package io.camgate.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camgate.authz.Decision;
import io.camgate.authz.Need;
import io.camgate.authz.PolicySource;
import io.camgate.authz.Reason;
import io.camgate.authz.StatementRef;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Effect;
import io.camgate.policy.ResourceName;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LogsTest {
    static final List<Need> READ = List.of(new Need("name/cos:GetObject", ResourceName.parse(
            "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/secret/a.txt")));
    static final Decision DENY = new Decision(false, Reason.EXPLICIT_DENY,
            List.of(new StatementRef(PolicySource.USER, "deny-secret", 0, Effect.DENY)));
    private static final Decision ALLOW = new Decision(true, Reason.ALLOWED,
            List.of(new StatementRef(PolicySource.USER, "cos-read-write", 0, Effect.ALLOW)));

    static final ConditionContext CONTEXT = ConditionContext.builder().add("qcs:ip", "10.1.2.3")
            .add("cos:prefix", "a/").add("cos:prefix", "b/").build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new ArrayList<>();
    private final Consumer<String> sink = lines::add;

    @Test
    void everyDenialAndTheSampledShareOfAllowsAreLogged() throws Exception {
        DecisionLog log = new DecisionLog(0.1, sink);
        Principal dave = new Principal.SubUser("100000000014", "100000000001");
        log.record("req-1", 7, "sha256:0000000000000001", dave, READ, CONTEXT, DENY);
        for (int i = 0; i < 30; i++) {
            log.record("req-a" + i, 7, "sha256:0000000000000001", dave, READ, CONTEXT, ALLOW);
        }
        log.record("req-2", 7, "sha256:0000000000000001", Principal.ANONYMOUS, READ, CONTEXT, DENY);
        assertThat(lines).hasSize(2 + 3);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.path("requestId").asText()).isEqualTo("req-1");
        assertThat(first.path("snapshot").path("generation").asLong()).isEqualTo(7);
        assertThat(first.path("principal").asText()).isEqualTo("100000000014");
        assertThat(first.path("needs").get(0).path("resource").asText()).endsWith("secret/a.txt");
        assertThat(first.path("context").path("qcs:ip").get(0).asText()).isEqualTo("10.1.2.3");
        assertThat(first.path("context").path("cos:prefix")).hasSize(2);
        assertThat(first.path("decision").asText()).isEqualTo("deny");
        assertThat(first.path("reason").asText()).isEqualTo("explicit_deny");
        assertThat(first.path("statements").get(0).path("policy").asText()).isEqualTo("deny-secret");
        assertThat(JSON.readTree(lines.get(lines.size() - 1)).path("principal").asText())
                .isEqualTo("anonymous");
    }

    @Test
    void samplingZeroLogsNoAllowsButEveryDenial() {
        DecisionLog log = new DecisionLog(0, sink);
        for (int i = 0; i < 50; i++) {
            log.record("r", 1, "sha256:0000000000000001", Principal.ANONYMOUS, READ, CONTEXT, ALLOW);
        }
        log.record("d", 1, "sha256:0000000000000001", Principal.ANONYMOUS, READ, CONTEXT, DENY);
        assertThat(lines).hasSize(1).allMatch(l -> l.contains("\"requestId\":\"d\""));
    }

    @Test
    void samplingOneLogsEveryAllowAndAQuarterLogsEveryFourth() {
        DecisionLog all = new DecisionLog(1, sink);
        for (int i = 0; i < 7; i++) {
            all.record("a" + i, 1, "sha256:0000000000000001", Principal.ANONYMOUS, READ, CONTEXT, ALLOW);
        }
        assertThat(lines).hasSize(7);
        lines.clear();
        DecisionLog quarter = new DecisionLog(0.25, sink);
        for (int i = 0; i < 100; i++) {
            quarter.record("q" + i, 1, "sha256:0000000000000001", Principal.ANONYMOUS, READ, CONTEXT, ALLOW);
        }
        assertThat(lines).hasSize(25);
    }

    @Test
    void samplingOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new DecisionLog(1.5, sink)).hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> new DecisionLog(-0.1, sink)).hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> new DecisionLog(Double.NaN, sink)).hasMessageContaining("from 0 to 1");
    }

    @Test
    void eachLineCarriesTheGenerationAndRevisionOfTheSnapshotThatDecided() throws Exception {
        DecisionLog log = new DecisionLog(1, sink);
        Principal dave = new Principal.SubUser("100000000014", "100000000001");
        log.record("r1", 3, "sha256:00000000000000aa", dave, READ, CONTEXT, DENY);
        log.record("r2", 4, "etcd:42", dave, READ, CONTEXT, DENY);
        log.record("r3", 5, null, dave, READ, CONTEXT, DENY);
        JsonNode first = JSON.readTree(lines.get(0)).path("snapshot");
        assertThat(first.path("generation").asLong()).isEqualTo(3);
        assertThat(first.path("revision").asText()).isEqualTo("sha256:00000000000000aa");
        assertThat(JSON.readTree(lines.get(1)).path("snapshot").path("revision").asText())
                .isEqualTo("etcd:42");
        assertThat(JSON.readTree(lines.get(2)).path("snapshot").has("revision")).isFalse();
    }

    @Test
    void theAccessLogRedactsSignaturesAndTokensWhateverTheirSpelling() throws Exception {
        AccessLog log = new AccessLog(sink);
        log.record(new AccessLine("req-9", "GET", "/a%2Fb.txt?q-sign-algorithm=sha1&q-ak=AKIDx&q-signature=abcdef0123&"
                + "X-Cos-Security-Token=tok123&sign=zzz&q%2Dsignature=esc999&versionId=3", 200, "allow", 0, 42,
                2_500_000, "100000000014", 1_700_000_000_000L, "10.0.0.7", "b-1250000001.cos.x", "b-1250000001",
                "cos", 200, "NjQ2-store"));
        JsonNode line = JSON.readTree(lines.get(0));
        String uri = line.path("uri").asText();
        assertThat(uri).doesNotContain("abcdef0123").doesNotContain("tok123").doesNotContain("zzz")
                .doesNotContain("esc999");
        assertThat(uri).startsWith("/a%2Fb.txt?q-sign-algorithm=sha1&q-ak=AKIDx&q-signature=REDACTED")
                .endsWith("versionId=3");
        assertThat(line.path("status").asInt()).isEqualTo(200);
        assertThat(line.path("durationMs").asDouble()).isEqualTo(2.5);
        assertThat(line.path("time").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(line.path("clientIp").asText()).isEqualTo("10.0.0.7");
        assertThat(line.path("host").asText()).isEqualTo("b-1250000001.cos.x");
        assertThat(line.path("bucket").asText()).isEqualTo("b-1250000001");
        assertThat(line.path("route").asText()).isEqualTo("cos");
        assertThat(line.path("upstreamStatus").asInt()).isEqualTo(200);
        assertThat(line.path("upstreamRequestId").asText()).isEqualTo("NjQ2-store");
        assertThat(AccessLog.redact("/plain")).isEqualTo("/plain");
    }

    @Test
    void redactionComparesNamesInAnyCaseAndEscapedButOnlyWholeNames() {
        assertThat(AccessLog.redact("/k?Q-SIGNATURE=a1&X-Amz-Signature=b2&x-amz-security-token=c3&SIGN=d4"))
                .isEqualTo("/k?Q-SIGNATURE=REDACTED&X-Amz-Signature=REDACTED&x-amz-security-token=REDACTED&SIGN=REDACTED");
        assertThat(AccessLog.redact("/k?%71-signature=a1&x-cos-security%2dtoken=b2&%53ignature=c3"))
                .isEqualTo("/k?%71-signature=REDACTED&x-cos-security%2dtoken=REDACTED&%53ignature=REDACTED");
        // a name that only contains or starts like a secret one is a different parameter
        assertThat(AccessLog.redact("/k?q-signature2=a&xsign=b&signs=c&sig=d&q-signature"))
                .isEqualTo("/k?q-signature2=a&xsign=b&signs=c&sig=d&q-signature");
        assertThat(AccessLog.redact("/k?sign=&sign=x=y&&sign=z"))
                .isEqualTo("/k?sign=REDACTED&sign=REDACTED&&sign=REDACTED");
    }
}
