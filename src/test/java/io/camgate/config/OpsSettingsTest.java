package io.camgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camgate.limits.SharedLimitSettings;
import io.camgate.policy.PolicyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsSettingsTest {
    @TempDir
    Path dir;

    @Test
    void absentMeansTheDefaults() throws Exception {
        OpsSettings s = OpsSettings.read(dir);
        assertThat(s.admin()).isEqualTo(AdminSection.DEFAULT);
        assertThat(s.shadow()).isEmpty();
        assertThat(s.logging()).isEqualTo(new LoggingSection(LogLevel.INFO, 0.01));
    }

    @Test
    void readsTheLogLevelAndTheDecisionLogsAllowSampling() throws Exception {
        Files.writeString(dir.resolve("camgate.yaml"), "logging: {level: Debug, allowSampling: 0.25}\n");
        assertThat(OpsSettings.read(dir).logging()).isEqualTo(new LoggingSection(LogLevel.DEBUG, 0.25));
        Files.writeString(dir.resolve("camgate.yaml"), "logging: {allowSampling: 1}\n");
        assertThat(OpsSettings.read(dir).logging()).isEqualTo(new LoggingSection(LogLevel.INFO, 1));
    }

    @Test
    void aBadLoggingSectionIsReportedWithItsPointers() throws Exception {
        Files.writeString(dir.resolve("camgate.yaml"), "logging: {level: verbose, allowSampling: 2, format: text}\n");
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> OpsSettings.read(dir));
        assertThat(e.problems()).extracting(p -> p.pointer())
                .containsExactlyInAnyOrder("/logging/level", "/logging/allowSampling", "/logging/format");
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.reason())
                .contains("error, warn, info, debug, trace").contains("verbose"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.reason()).contains("from 0 to 1").contains("\"2\""));
    }

    @Test
    void readsAdminAndShadowAndLeavesOtherSectionsAlone() throws Exception {
        Files.createDirectories(dir.resolve("cfg"));
        Files.createDirectories(dir.resolve("next"));
        Files.writeString(dir.resolve("cfg/camgate.yaml"), """
                listen: {address: 127.0.0.1, port: 8080}
                routes: [{name: local}]
                admin: {address: 0.0.0.0, port: 9191}
                shadow: ../next
                """);
        OpsSettings s = OpsSettings.read(dir.resolve("cfg"));
        assertThat(s.admin()).isEqualTo(new AdminSection("0.0.0.0", 9191, null));
        assertThat(s.shadow()).contains(dir.resolve("next").normalize());
    }

    @Test
    void problemsNameTheFileAndPointer() throws Exception {
        Files.writeString(dir.resolve("camgate.yaml"), """
                admin: {port: 70000, adress: 127.0.0.1}
                shadow: ./missing
                """);
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> OpsSettings.read(dir));
        assertThat(e.problems()).extracting(p -> p.pointer())
                .containsExactlyInAnyOrder("/admin/adress", "/admin/port", "/shadow");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).endsWith("camgate.yaml"));
    }

    @Test
    void theOperatorTokenComesFromAFileOrTheEnvironmentAndIsNeverShown() throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/admin-token"), "operator-token-from-a-file\n");
        Files.writeString(dir.resolve("camgate.yaml"), "admin: {port: 9191, tokenFile: secrets/admin-token}\n");
        AdminSection fromFile = OpsSettings.read(dir).admin();
        assertThat(fromFile.token()).isEqualTo("operator-token-from-a-file");
        assertThat(fromFile.toString()).doesNotContain("operator-token").contains("token redacted");

        Files.writeString(dir.resolve("camgate.yaml"), "admin: {tokenEnv: CAMGATE_ADMIN_TOKEN}\n");
        OpsSettings fromEnvironment = OpsSettings.read(dir, Map.of("CAMGATE_ADMIN_TOKEN", "operator-token-from-env")::get);
        assertThat(fromEnvironment.admin().token()).isEqualTo("operator-token-from-env");
    }

    @Test
    void aTokenGivenTwiceOrUnreadableIsReportedWithoutItsValue() throws Exception {
        Files.writeString(dir.resolve("camgate.yaml"), "admin: {token: inline-operator-token, tokenEnv: SOME_VAR}\n");
        PolicyException twice = catchThrowableOfType(PolicyException.class, () -> OpsSettings.read(dir));
        assertThat(twice.problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/admin");
            assertThat(p.reason()).contains("exactly one of token, tokenFile, tokenEnv").doesNotContain("inline-operator");
        });

        Files.writeString(dir.resolve("camgate.yaml"), "admin: {tokenFile: secrets/missing}\n");
        PolicyException unreadable = catchThrowableOfType(PolicyException.class, () -> OpsSettings.read(dir));
        assertThat(unreadable.problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/admin/tokenFile");
            assertThat(p.reason()).startsWith("cannot read the secret file");
        });
    }

    @Test
    void theSharedLimitsNameRedisWithThePasswordFromTheEnvironmentNeverShown() throws Exception {
        Files.writeString(dir.resolve("camgate.yaml"), """
                limits:
                  redis: {uri: "rediss://redis.example:6380", passwordEnv: CAMGATE_REDIS_PASSWORD, timeout: 250ms}
                  replicas: 3
                  exactBelow: 20
                """);
        SharedLimitSettings s = OpsSettings.read(dir, Map.of("CAMGATE_REDIS_PASSWORD", "redis-secret")::get)
                .limits().orElseThrow();
        assertThat(s).isEqualTo(new SharedLimitSettings("rediss://redis.example:6380", "redis-secret", null,
                Duration.ofMillis(250), 3, 20));
        assertThat(s.tls()).isTrue();
        assertThat(s.toString()).doesNotContain("redis-secret").contains("password redacted");
        assertThat(OpsSettings.read(Files.createDirectories(dir.resolve("none"))).limits()).isEmpty();
    }

    @Test
    void badSharedLimitsAreReportedByPointerAndNothingIsConfigured() throws Exception {
        Files.writeString(dir.resolve("camgate.yaml"), """
                limits:
                  redis: {uri: "http://user:pw@redis.example", passwordEnv: UNSET, timeout: soon}
                  replicas: 0
                """);
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> OpsSettings.read(dir, n -> null));
        assertThat(e.problems()).extracting(p -> p.pointer()).containsExactlyInAnyOrder("/limits/redis/uri",
                "/limits/redis/passwordEnv", "/limits/redis/timeout", "/limits/replicas");
        assertThat(e.getMessage()).doesNotContain("pw@");
    }
}
