package io.camgate.admin;

import io.camgate.authz.index.EngineKind;
import io.camgate.config.AdminSection;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ConfigReloader;
import io.camgate.metrics.GatewayMetrics;
import io.camgate.sign.Authenticator;
import io.camgate.sign.SignatureRules;
import io.camgate.sign.TemporaryCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** An admin listener on a free loopback port over a configuration directory, as {@code serve} would start it. */
final class RunningAdmin implements AutoCloseable {
    final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);
    final ConfigReloader reloader;
    final GatewayMetrics metrics = new GatewayMetrics();
    final TemporaryCredentials temporary = new TemporaryCredentials(Clock.systemUTC());
    final Authenticator authenticator = new Authenticator(SignatureRules.DEFAULTS, temporary, Clock.systemUTC());
    final AdminServer server;
    final AdminClient client;

    RunningAdmin(Path dir) throws Exception {
        this(dir, null);
    }

    /** With {@code operatorToken} (null: none) required for reloads and decisions. */
    RunningAdmin(Path dir, String operatorToken) throws Exception {
        reloader = ConfigReloader.open(dir, loader, EngineKind.INDEX, "live");
        metrics.bindReloader(reloader, "live");
        metrics.bindIndexCache(reloader.holder());
        metrics.bindSigningKeyCache(authenticator);
        server = AdminServer.start(new AdminSection("127.0.0.1", 0, operatorToken), reloader, loader, authenticator, metrics);
        client = new AdminClient(server.port());
    }

    @Override
    public void close() {
        server.close();
        reloader.close();
        metrics.close();
    }
}
