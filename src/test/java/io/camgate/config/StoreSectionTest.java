package io.camgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camgate.authz.index.EngineKind;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import io.camgate.testing.ExampleConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store: section is read with its files and secrets, refused with pointers, and bound at start. */
class StoreSectionTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = Map.of("ETCD_PASSWORD", "s3cret-etcd-password");

    private void camgateYaml(String store) throws Exception {
        ExampleConfig.copyTo(dir);
        Files.writeString(dir.resolve("seal.key"), "x");
        Files.writeString(dir.resolve("camgate.yaml"), Files.readString(dir.resolve("camgate.yaml")) + store);
    }

    @Test
    void aFullSectionIsRead() throws Exception {
        camgateYaml("""
                store:
                  endpoints: [http://127.0.0.1:2379, https://etcd-1:2379]
                  prefix: /camgate/prod/
                  user: camgate
                  passwordEnv: ETCD_PASSWORD
                  sealKeyFile: seal.key
                  writeTimeout: 500ms
                  allowStaleStart: true
                """);
        StoreSettings s = StoreSection.read(dir, env::get).orElseThrow();
        assertThat(s.endpoints()).containsExactly(URI.create("http://127.0.0.1:2379"), URI.create("https://etcd-1:2379"));
        assertThat(s.prefix()).isEqualTo("/camgate/prod/");
        assertThat(s.password()).isEqualTo("s3cret-etcd-password");
        assertThat(s.sealKeyFile()).isEqualTo(dir.resolve("seal.key"));
        assertThat(s.writeTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.allowStaleStart()).isTrue();
        assertThat(s.toString()).doesNotContain("s3cret");
    }

    @Test
    void noSectionMeansDirectoryMode() throws Exception {
        camgateYaml("");
        assertThat(StoreSection.read(dir, env::get)).isEmpty();
    }

    @Test
    void problemsNameTheirPointerAndNeverThePassword() throws Exception {
        camgateYaml("""
                store:
                  endpoints: [etcd:2379]
                  prefix: /camgate
                  password: s3cret-etcd-password
                  tls: {ca: missing.pem}
                  resync: soon
                """);
        List<PolicyProblem> problems = catchThrowableOfType(PolicyException.class,
                () -> StoreSection.read(dir, env::get)).problems();
        assertThat(problems).extracting(PolicyProblem::pointer).contains("/store/endpoints/0", "/store/prefix",
                "/store", "/store/tls/ca", "/store/resync");
        assertThat(problems).allSatisfy(p -> assertThat(p.reason()).doesNotContain("s3cret"));
    }

    @Test
    void aStoreSectionAddedByAReloadIsRefusedUntilARestart() throws Exception {
        camgateYaml("");
        try (ConfigReloader reloader = ConfigReloader.openServing(dir, ConfigLoader.withSystemEnvironment(),
                new GatewaySettingsLoader(env::get), EngineKind.INDEX)) {
            Files.writeString(dir.resolve("camgate.yaml"), Files.readString(dir.resolve("camgate.yaml"))
                    + "store:\n  endpoints: [http://127.0.0.1:2379]\n  user: camgate\n  passwordEnv: ETCD_PASSWORD\n");
            ReloadOutcome outcome = reloader.reload();
            assertThat(outcome.result()).isEqualTo(ReloadOutcome.Result.REFUSED);
            assertThat(outcome.problems()).extracting(PolicyProblem::pointer).containsExactly("/store");
            assertThat(outcome.problems().get(0).reason()).doesNotContain("s3cret");
        }
    }
}
