package io.camgate.proxy;

import io.camgate.authz.Snapshot;
import io.camgate.authz.index.SnapshotHolder;
import io.camgate.config.GatewaySettings;
import io.camgate.config.ListenSettings;
import io.camgate.cos.CosSettings;
import io.camgate.cos.RequestClassifier;
import io.camgate.sign.Authenticator;
import io.camgate.sign.TemporaryCredentials;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * The whole data plane put together from a loaded configuration: the published snapshot, the
 * classifier, the authenticator, the routes, the {@link CosGatekeeper} and the listener.
 */
public final class Gateway implements AutoCloseable {
    private final SnapshotHolder snapshots;
    private final GatewayServer server;
    private final ListenSettings listen;

    private Gateway(SnapshotHolder snapshots, GatewayServer server, ListenSettings listen) {
        this.snapshots = snapshots;
        this.server = server;
        this.listen = listen;
    }

    /**
     * Starts serving.
     *
     * @param snapshot the validated configuration directory
     * @param settings the validated {@code camgate.yaml}
     * @param log      told about each decision
     * @param clock    the gateway's clock
     */
    public static Gateway start(Snapshot snapshot, GatewaySettings settings, AccessLog log, Clock clock)
            throws IOException, InterruptedException {
        SnapshotHolder snapshots = new SnapshotHolder(snapshot);
        Authenticator authenticator = new Authenticator(settings.signature(), new TemporaryCredentials(clock), clock);
        CosGatekeeper gate = new CosGatekeeper(snapshots, new RequestClassifier(CosSettings.DEFAULTS, clock),
                authenticator, new RouteTable(settings.routes()), clock, log);
        ListenSettings listen = settings.listen();
        ProxyLimits d = ProxyLimits.defaults();
        ProxyLimits limits = new ProxyLimits(d.maxInitialLineLength(), d.maxHeaderSize(), listen.headerTimeout(),
                d.lingerBytes(), d.lingerTimeout());
        SslContext tls = listen.tls()
                ? SslContextBuilder.forServer(listen.certificate().toFile(), listen.key().toFile()).build()
                : null;
        GatewayServer server = GatewayServer.start(new InetSocketAddress(listen.address(), listen.port()), 0, gate,
                limits, clock, tls);
        return new Gateway(snapshots, server, listen);
    }

    /** The port the listener is bound to. */
    public int port() {
        return server.port();
    }

    /** Where reloads publish new snapshots. */
    public SnapshotHolder snapshots() {
        return snapshots;
    }

    /** Whether new connections are accepted (readiness). */
    public boolean accepting() {
        return server.accepting();
    }

    /** The listener's URL, e.g. {@code https://127.0.0.1:8443}. */
    public String url() {
        return (listen.tls() ? "https" : "http") + "://" + listen.address() + ":" + port();
    }

    /** Stops accepting new connections; idle ones close, busy ones after their current response. */
    public void stopAccepting() {
        server.stopAccepting();
    }

    /**
     * After {@link #stopAccepting()}: waits up to {@code deadline} for in-flight requests, then
     * releases everything.
     *
     * @return true when every connection finished in time
     */
    public boolean awaitDrained(Duration deadline) {
        return server.awaitDrained(deadline);
    }

    @Override
    public void close() {
        server.close();
    }
}
