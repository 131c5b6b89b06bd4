package io.camgate.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.Test;

class LogsTest {
    private static final List<Need> READ = List.of(new Need("name/cos:GetObject", ResourceName.parse(
            "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/secret/a.txt")));
    private static final Decision DENY = new Decision(false, Reason.EXPLICIT_DENY,
            List.of(new StatementRef(PolicySource.USER, "deny-secret", 0, Effect.DENY)));
    private static final Decision ALLOW = new Decision(true, Reason.ALLOWED,
            List.of(new StatementRef(PolicySource.USER, "cos-read-write", 0, Effect.ALLOW)));

    private static final ConditionContext CONTEXT = ConditionContext.builder().add("qcs:ip", "10.1.2.3")
            .add("cos:prefix", "a/").add("cos:prefix", "b/").build();

    private final List<String> lines = new ArrayList<>();

    @Test
    void everyDenialAndOneAllowInNAreLoggedAsJson() throws Exception {
        DecisionLog log = new DecisionLog(10, lines::add);
        Principal dave = new Principal.SubUser("100000000014", "100000000001");
        log.record("req-1", dave, READ, CONTEXT, DENY);
        for (int i = 0; i < 25; i++) {
            log.record("req-a" + i, dave, READ, CONTEXT, ALLOW);
        }
        log.record("req-2", Principal.ANONYMOUS, READ, CONTEXT, DENY);
        assertThat(lines).hasSize(2 + 3);
        JsonNode first = JsonLine.MAPPER.readTree(lines.get(0));
        assertThat(first.path("requestId").asText()).isEqualTo("req-1");
        assertThat(first.path("principal").asText()).isEqualTo("100000000014");
        assertThat(first.path("needs").get(0).path("resource").asText()).endsWith("secret/a.txt");
        assertThat(first.path("context").path("qcs:ip").get(0).asText()).isEqualTo("10.1.2.3");
        assertThat(first.path("context").path("cos:prefix")).hasSize(2);
        assertThat(first.path("decision").asText()).isEqualTo("deny");
        assertThat(first.path("reason").asText()).isEqualTo("explicit_deny");
        assertThat(first.path("statements").get(0).path("policy").asText()).isEqualTo("deny-secret");
        assertThat(JsonLine.MAPPER.readTree(lines.get(lines.size() - 1)).path("principal").asText())
                .isEqualTo("anonymous");
    }

    @Test
    void eachLineCarriesTheRevisionInForceWhenItWasRecorded() throws Exception {
        String[] inForce = {"sha256:00000000000000aa"};
        DecisionLog log = new DecisionLog(1, LogWriter.DIRECT, lines::add, () -> inForce[0]);
        Principal dave = new Principal.SubUser("100000000014", "100000000001");
        log.record("r1", dave, READ, CONTEXT, DENY);
        inForce[0] = "etcd:42";
        log.record("r2", dave, READ, CONTEXT, DENY);
        assertThat(JsonLine.MAPPER.readTree(lines.get(0)).path("revision").asText()).isEqualTo("sha256:00000000000000aa");
        assertThat(JsonLine.MAPPER.readTree(lines.get(1)).path("revision").asText()).isEqualTo("etcd:42");
    }

    @Test
    void samplingZeroLogsNoAllows() {
        DecisionLog log = new DecisionLog(0, lines::add);
        log.record("r", Principal.ANONYMOUS, READ, CONTEXT, ALLOW);
        assertThat(lines).isEmpty();
    }

    @Test
    void theAccessLogRedactsSignaturesAndTokensWhateverTheirSpelling() throws Exception {
        AccessLog log = new AccessLog(lines::add);
        log.record("req-9", "GET", "/a%2Fb.txt?q-sign-algorithm=sha1&q-ak=AKIDx&q-signature=abcdef0123&"
                + "X-Cos-Security-Token=tok123&sign=zzz&q%2Dsignature=esc999&versionId=3", 200, "allow", 0, 42,
                2_500_000, "100000000014");
        JsonNode line = JsonLine.MAPPER.readTree(lines.get(0));
        String uri = line.path("uri").asText();
        assertThat(uri).doesNotContain("abcdef0123").doesNotContain("tok123").doesNotContain("zzz")
                .doesNotContain("esc999");
        assertThat(uri).startsWith("/a%2Fb.txt?q-sign-algorithm=sha1&q-ak=AKIDx&q-signature=REDACTED")
                .endsWith("versionId=3");
        assertThat(line.path("status").asInt()).isEqualTo(200);
        assertThat(line.path("durationMs").asDouble()).isEqualTo(2.5);
        assertThat(AccessLog.redact("/plain")).isEqualTo("/plain");
    }
}
