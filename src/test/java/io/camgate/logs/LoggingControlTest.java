package io.camgate.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.Decision;
import io.camgate.authz.Reason;
import io.camgate.authz.index.EngineKind;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ConfigReloader;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.config.LogLevel;
import io.camgate.config.OpsSettings;
import io.camgate.config.ReloadOutcome;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import io.camgate.testing.ExampleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** camgate.yaml's logging section, applied at the start and again by a reload that changes it. */
class LoggingControlTest {
    private static final String ROUTES = """
            routes:
              - {name: unused, buckets: [examplebucket-1250000001], upstream: "http://127.0.0.1:9", auth: none}
            """;
    private static final Decision ALLOW = new Decision(true, Reason.ALLOWED, List.of());

    private final Logger operational = LoggerFactory.getLogger("io.camgate.config.ConfigReloader");
    private final List<String> lines = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void backToInfo() {
        LoggingBackend.level(LogLevel.INFO);
    }

    private int allowsLoggedOfTen(DecisionLog log) {
        lines.clear();
        for (int i = 0; i < 10; i++) {
            log.record("r" + i, 1, null, Principal.ANONYMOUS, List.of(), ConditionContext.builder().build(), ALLOW);
        }
        return lines.size();
    }

    /** The example directory with {@code logging} as camgate.yaml's logging section. */
    private Path directory(String logging) throws Exception {
        Path dir = ExampleConfig.copyTo(tmp.resolve("config"));
        Files.writeString(dir.resolve("camgate.yaml"), ROUTES + logging);
        return dir;
    }

    /** A real reload of {@code dir} after camgate.yaml's logging section became {@code logging}. */
    private static void reload(Path dir, LoggingControl control, String logging) throws Exception {
        try (ConfigReloader reloader = ConfigReloader.openServing(dir, ConfigLoader.withSystemEnvironment(),
                new GatewaySettingsLoader(System::getenv), EngineKind.INDEX)) {
            reloader.addListener(control);
            Files.writeString(dir.resolve("camgate.yaml"), ROUTES + logging);
            assertThat(reloader.reload().result()).isEqualTo(ReloadOutcome.Result.PUBLISHED);
        }
    }

    @Test
    void aReloadThatChangesTheSectionChangesLevelAndSampling() throws Exception {
        Path dir = directory("logging: {level: info, allowSampling: 0}\n");
        DecisionLog log = new DecisionLog(1, fields -> lines.add(fields.toString()));
        LoggingControl control = new LoggingControl(log, OpsSettings.read(dir).logging());
        control.commandLineLevel(null);
        assertThat(allowsLoggedOfTen(log)).isZero();
        assertThat(operational.isInfoEnabled()).isTrue();

        reload(dir, control, "logging: {level: warn, allowSampling: 0.5}\n");

        assertThat(operational.isInfoEnabled()).isFalse();
        assertThat(operational.isWarnEnabled()).isTrue();
        assertThat(allowsLoggedOfTen(log)).isEqualTo(5);
        assertThat(control.inForce().level()).isEqualTo(LogLevel.WARN);
    }

    @Test
    void aLevelFromTheCommandLineOutlastsReloads() throws Exception {
        Path dir = directory("logging: {level: info}\n");
        DecisionLog log = new DecisionLog(0, fields -> lines.add(fields.toString()));
        LoggingControl control = new LoggingControl(log, OpsSettings.read(dir).logging());
        control.commandLineLevel(LogLevel.DEBUG);
        assertThat(operational.isDebugEnabled()).isTrue();

        reload(dir, control, "logging: {level: error, allowSampling: 1}\n");

        assertThat(operational.isDebugEnabled()).isTrue();
        assertThat(allowsLoggedOfTen(log)).isEqualTo(10);
    }
}
