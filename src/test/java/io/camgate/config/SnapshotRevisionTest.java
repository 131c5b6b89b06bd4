package io.camgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.index.EngineKind;
import io.camgate.testing.ExampleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory's revision names its content: the same files give the same revision, a change another. */
class SnapshotRevisionTest {
    @TempDir
    Path first;
    @TempDir
    Path second;

    private final Map<String, String> env = new HashMap<>(Map.of("BOB_SECRET", "demoBobSecretKey000000000000012"));
    private final ConfigLoader loader = new ConfigLoader(env::get);

    @Test
    void theSameFilesWrittenInAnotherOrderElsewhereGiveTheSameRevision() throws Exception {
        ExampleConfig.copyTo(first);
        copyInReverseOrder(first, second);
        String a = loader.load(first, 1).revision();
        String b = loader.load(second, 9).revision();
        assertThat(a).startsWith("sha256:").hasSize("sha256:".length() + 16).isEqualTo(b);
    }

    @Test
    void anUnchangedReloadKeepsTheRevisionAndAChangeChangesIt() throws Exception {
        ExampleConfig.copyTo(first);
        try (ConfigReloader reloader = ConfigReloader.open(first, loader, EngineKind.INDEX, "test")) {
            String before = reloader.current().revision();
            ReloadOutcome same = reloader.reload();
            assertThat(same.published()).isTrue();
            assertThat(same.generation()).isEqualTo(2);
            assertThat(same.revision()).isEqualTo(before);
            Path policy = first.resolve("policies/media-jobs.json");
            Files.writeString(policy, Files.readString(policy) + "\n");
            ReloadOutcome changed = reloader.reload();
            assertThat(changed.published()).isTrue();
            assertThat(changed.revision()).isNotEqualTo(before);
        }
    }

    @Test
    void aSecretFromTheEnvironmentIsContentButNeverShown() throws Exception {
        ExampleConfig.copyTo(first);
        Path accounts = first.resolve("accounts.yaml");
        Files.writeString(accounts, Files.readString(accounts).replace(
                "secretKey: \"demoBobSecretKey000000000000012\"", "secretKeyEnv: BOB_SECRET"));
        String before = loader.load(first, 1).revision();
        env.put("BOB_SECRET", "anotherBobSecretKey00000000000012");
        String after = loader.load(first, 1).revision();
        assertThat(after).isNotEqualTo(before).doesNotContain("anotherBob");
    }

    @Test
    void aRejectedReloadKeepsTheLastGoodRevision() throws Exception {
        ExampleConfig.copyTo(first);
        try (ConfigReloader reloader = ConfigReloader.open(first, loader, EngineKind.INDEX, "test")) {
            String before = reloader.current().revision();
            Files.writeString(first.resolve("policies/broken.json"), "{");
            ReloadOutcome rejected = reloader.reload();
            assertThat(rejected.published()).isFalse();
            assertThat(rejected.revision()).isEqualTo(before);
            assertThat(reloader.current().revision()).isEqualTo(before);
        }
    }

    private static void copyInReverseOrder(Path from, Path to) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        files.sort(null);
        for (int i = files.size() - 1; i >= 0; i--) {
            Path target = to.resolve(from.relativize(files.get(i)).toString());
            Files.createDirectories(target.getParent());
            Files.copy(files.get(i), target);
        }
    }
}
