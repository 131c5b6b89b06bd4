package io.camgate.proxy;

import io.camgate.testing.NoBufferLeaks;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite against {@link RouteModeGateways}: the four gateways, the recording hop and s3proxy
 * start once per class with the same objects stored, and each test starts with an empty
 * recording.
 */
@ExtendWith(NoBufferLeaks.class)
abstract class RouteModeSuite {
    @TempDir
    static Path dir;

    static RouteModeGateways modes;

    @BeforeAll
    static void startModes() throws Exception {
        modes = RouteModeGateways.start(dir, Map.of("public/a.txt", "public a", "secret/x", "SECRET-X",
                "secret/plan.txt", "THE PLAN"));
    }

    @AfterAll
    static void stopModes() throws Exception {
        if (modes != null) {
            modes.close();
            modes = null;
        }
    }

    @BeforeEach
    void forgetRecordings() {
        modes.relay().clear();
    }
}
