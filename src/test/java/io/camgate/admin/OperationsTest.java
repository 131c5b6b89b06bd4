package io.camgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.Decision;
import io.camgate.authz.Need;
import io.camgate.authz.index.EngineKind;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ShadowComparator;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.ResourceName;
import io.camgate.sign.Authenticator;
import io.camgate.sign.SignatureRules;
import io.camgate.sign.TemporaryCredentials;
import io.camgate.testing.ExampleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationsTest {
    private static final Principal DAVE = new Principal.SubUser("100000000014", "100000000001");
    private static final List<Need> SECRET_READ = List.of(new Need("name/cos:GetObject", ResourceName.parse(
            "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/secret/plan.txt")));
    private static final List<Need> PUBLIC_READ = List.of(new Need("name/cos:GetObject", ResourceName.parse(
            "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/public/plan.txt")));

    @TempDir
    Path tmp;

    @Test
    void theShadowSetIsComparedButNeverChangesTheAnswer() throws Exception {
        Path live = ExampleConfig.copyTo(tmp.resolve("config"));
        Path next = ExampleConfig.copyTo(tmp.resolve("config-next"));
        // the rollout under watch drops dave's deny on secret/
        Files.writeString(next.resolve("policies/deny-secret.json"), """
                {"version": "2.0", "statement": [{"effect": "deny", "action": ["name/cos:*"],
                  "resource": ["qcs::cos::uid/1250000001:examplebucket-1250000001/other/*"]}]}""");
        Files.writeString(live.resolve("camgate.yaml"), """
                listen: {address: 127.0.0.1, port: 8080}
                routes: [{name: unused, buckets: [examplebucket-1250000001], upstream: "http://127.0.0.1:9", auth: none}]
                admin: {address: 127.0.0.1, port: 0}
                shadow: ../config-next
                """);
        Authenticator authenticator = new Authenticator(SignatureRules.DEFAULTS,
                new TemporaryCredentials(Clock.systemUTC()), Clock.systemUTC());
        try (Operations ops = Operations.start(live, new ConfigLoader(Map.<String, String>of()::get), authenticator,
                EngineKind.INDEX)) {
            ShadowComparator shadow = ops.shadow().orElseThrow();
            Decision secret = ops.live().current().engine().decideAll(DAVE, SECRET_READ, ConditionContext.EMPTY);
            assertThat(secret.allowed()).isFalse();
            assertThat(shadow.observe(DAVE, SECRET_READ, ConditionContext.EMPTY, secret)).isSameAs(secret);
            Decision open = ops.live().current().engine().decideAll(DAVE, PUBLIC_READ, ConditionContext.EMPTY);
            assertThat(shadow.observe(DAVE, PUBLIC_READ, ConditionContext.EMPTY, open)).isSameAs(open);

            assertThat(shadow.disagreements()).isEqualTo(1);
            assertThat(shadow.count(false, true)).isEqualTo(1);
            assertThat(shadow.count(true, true)).isEqualTo(1);
            String scrape = new AdminClient(ops.admin().port()).get("/metrics").body();
            assertThat(scrape).contains("camgate_shadow_disagreements_total 1.0")
                    .contains("camgate_shadow_decisions_total{live=\"deny\",shadow=\"allow\"} 1.0")
                    .contains("camgate_policy_generation{set=\"shadow\"} 1.0");
        }
    }

    @Test
    void theOperatorTokenInCamgateYamlGuardsReloadsOfTheRunningAdminListener() throws Exception {
        Path live = ExampleConfig.copyTo(tmp.resolve("config"));
        Files.createDirectories(live.resolve("secrets"));
        Files.writeString(live.resolve("secrets/admin-token"), "operator-token-from-the-directory\n");
        Files.writeString(live.resolve("camgate.yaml"), """
                listen: {address: 127.0.0.1, port: 8080}
                routes: [{name: unused, buckets: [examplebucket-1250000001], upstream: "http://127.0.0.1:9", auth: none}]
                admin: {address: 127.0.0.1, port: 0, tokenFile: secrets/admin-token}
                """);
        Authenticator authenticator = new Authenticator(SignatureRules.DEFAULTS,
                new TemporaryCredentials(Clock.systemUTC()), Clock.systemUTC());
        try (Operations ops = Operations.start(live, new ConfigLoader(Map.<String, String>of()::get), authenticator,
                EngineKind.INDEX)) {
            AdminClient admin = new AdminClient(ops.admin().port());
            assertThat(admin.post("/admin/reload", "").statusCode()).isEqualTo(401);
            assertThat(ops.live().current().generation()).isEqualTo(1);
            assertThat(admin.post("/admin/reload", "", "Bearer operator-token-from-the-directory").statusCode())
                    .isEqualTo(200);
            assertThat(ops.live().current().generation()).isEqualTo(2);
        }
    }
}
