package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** What a user of any command-line tool expects: one-line failures, the version, completion, suggestions. */
class CommandLineConventionsTest {
    @Test
    void aTakenGatewayPortIsOneLineNamingTheListenerAndThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = Run.of("serve", "--config", "config", "--port", Integer.toString(taken.getLocalPort()),
                    "--admin-port", "0");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("serve: the gateway listener cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + ": Address already in use" + System.lineSeparator());
        }
    }

    @Test
    void aTakenAdminPortIsOneLineNamingTheAdminListener() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = Run.of("serve", "--config", "config", "--port", "0", "--admin-port",
                    Integer.toString(taken.getLocalPort()));
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err().lines()).containsExactly("serve: the admin listener cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + ": Address already in use");
        }
    }

    @Test
    void aLogLevelOutsideTheListIsRefusedBeforeAnythingStarts() {
        Run r = Run.of("serve", "--config", "config", "--log-level", "verbose");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--log-level").contains("verbose").contains("ERROR, WARN, INFO, DEBUG, TRACE");
    }

    @Test
    void aMistypedRequiredOptionIsNamedWithTheNearestOne() {
        Run r = Run.of("check", "--conifg", "config");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown options: '--conifg'").contains("Possible solutions: --config")
                .doesNotContain("Missing required option");
        Run sub = Run.of("chek", "--config", "config");
        assertThat(sub.err()).contains("Did you mean: camgate check");
    }

    @Test
    void completionPrintsAScriptThatKnowsTheCommandsAndTheirOptions() {
        Run r = Run.of("completion");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("complete -F")
                .contains("serve").contains("loadtest").contains("--log-level").contains("--config");
    }

    @Test
    void outsideAPackagedJarTheVersionSaysItIsADevelopmentBuild() {
        Run r = Run.of("--version");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("camgate (development build");
    }
}
