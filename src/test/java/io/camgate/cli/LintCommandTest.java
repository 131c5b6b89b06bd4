package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.testing.ExampleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
    @Test
    void theExampleIsCleanAndExitsZero() {
        Run r = Run.of("lint", "--config", "config");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("config: no findings\n");
    }

    @Test
    void findingsNameFilePointerReasonAndSuggestionAndExitOne(@TempDir Path dir) throws Exception {
        Path config = ExampleConfig.copyTo(dir.resolve("config"));
        Path bucketPolicy = config.resolve("bucket-policies/examplebucket-1250000001.json");
        Files.writeString(bucketPolicy, Files.readString(bucketPolicy).replace("media%2F*", "media/*"));
        Run r = Run.of("lint", "--config", config.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(bucketPolicy + " at /Statement/3/Condition/string_like/cos:prefix/0: "
                + "unencoded-query-value: COS compares cos:prefix URL-encoded, so \"media/*\" never matches a request"
                + " whose value has the characters it leaves unencoded\n  suggestion: media%2F*\n"
                + config + ": 1 finding\n");

        Run json = Run.of("lint", "--config", config.toString(), "--json");
        assertThat(json.status()).isEqualTo(1);
        assertThat(json.out()).contains("\"kind\":\"unencoded-query-value\"").contains("\"suggestion\":\"media%2F*\"");
    }

    @Test
    void aConfigurationThatDoesNotLoadExitsTwo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("accounts.yaml"), "accounts: [oops\n");
        Run r = Run.of("lint", "--config", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("accounts.yaml");
    }
}
