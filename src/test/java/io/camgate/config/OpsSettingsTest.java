package io.camgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camgate.policy.PolicyException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(s.admin()).isEqualTo(new AdminSection("0.0.0.0", 9191));
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
}
