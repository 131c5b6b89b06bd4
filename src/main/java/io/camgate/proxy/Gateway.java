package io.camgate.proxy;

import io.camgate.authz.Snapshot;
import io.camgate.authz.index.SnapshotHolder;
import io.camgate.config.GatewaySettings;
import io.camgate.config.IngressSettings;
import io.camgate.config.ListenSettings;
import io.camgate.config.ReloadListener;
import io.camgate.authz.index.Published;
import io.camgate.cos.CosSettings;
import io.camgate.cos.RequestClassifier;
import io.camgate.limits.Limiter;
import io.camgate.proxy.upstream.RouteTable;
import io.camgate.proxy.upstream.UpstreamPools;
import io.camgate.sign.Authenticator;
import io.camgate.sign.TemporaryCredentials;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * The whole data plane put together from a loaded configuration: the published snapshot, the
 * classifier, the authenticator, the limiter, the routes, the {@link CosGatekeeper} and the
 * listener, and the ingress decision listener when camgate.yaml asks for one.
 */
public final class Gateway implements AutoCloseable {
    private final ServedConfig served;
    private final GatewayServer server;
    private final IngressServer ingress;
    private volatile GatewaySettings settings;

    private Gateway(ServedConfig served, GatewayServer server, IngressServer ingress,
            GatewaySettings settings) {
        this.served = served;
        this.server = server;
        this.ingress = ingress;
        this.settings = settings;
    }

    /**
     * Starts serving one fixed snapshot, with its own authenticator and limiter.
     *
     * @param snapshot the validated configuration directory
     * @param settings the validated {@code camgate.yaml}
     * @param observer told what happens to each request
     * @param clock    the gateway's clock
     */
    public static Gateway start(Snapshot snapshot, GatewaySettings settings, RequestObserver observer, Clock clock)
            throws IOException, InterruptedException {
        return start(new SnapshotHolder(snapshot), settings, authenticator(settings, clock), new Limiter(), observer,
                clock);
    }

    /** The authenticator {@code settings} ask for. */
    public static Authenticator authenticator(GatewaySettings settings, Clock clock) {
        return new Authenticator(settings.signature(), new TemporaryCredentials(clock), clock);
    }

    /**
     * Starts serving whatever {@code snapshots} holds at each request (a reloader publishes there).
     *
     * @param snapshots     where each request takes its snapshot, once
     * @param settings      the validated {@code camgate.yaml}
     * @param authenticator verifies signatures (shared with the admin listener's CAM API)
     * @param limiter       the per-account limits
     * @param observer      told what happens to each request
     * @param clock         the gateway's clock
     */
    public static Gateway start(SnapshotHolder snapshots, GatewaySettings settings, Authenticator authenticator,
            Limiter limiter, RequestObserver observer, Clock clock) throws IOException, InterruptedException {
        ServedConfig served = new ServedConfig(snapshots, new RouteTable(settings.routes()));
        CosGatekeeper gate = new CosGatekeeper(served, new RequestClassifier(CosSettings.DEFAULTS, clock),
                authenticator, limiter, clock, observer);
        ListenSettings listen = settings.listen();
        ProxyLimits limits = limits(listen);
        SslContext tls = listen.tls()
                ? SslContextBuilder.forServer(listen.certificate().toFile(), listen.key().toFile()).build()
                : null;
        GatewayServer server = GatewayServer.start(new InetSocketAddress(listen.address(), listen.port()), 0, gate,
                observer, limits, clock, tls);
        if (settings.ingress().isEmpty()) {
            return new Gateway(served, server, null, settings);
        }
        IngressSettings where = settings.ingress().get();
        try {
            IngressServer ingress = IngressServer.start(new InetSocketAddress(where.address(), where.port()),
                    gate.decider(), served, observer, limits, clock);
            return new Gateway(served, server, ingress, settings);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static ProxyLimits limits(ListenSettings listen) {
        ProxyLimits d = ProxyLimits.defaults();
        return new ProxyLimits(d.maxInitialLineLength(), d.maxHeaderSize(), listen.headerTimeout(),
                listen.bodyTimeout(), d.lingerBytes(), d.lingerTimeout());
    }

    /**
     * What puts a reloaded camgate.yaml in force, together with the snapshot read beside it:
     * the new routes (upstream, addressing, auth and keys, {@code authorize}, connection limits)
     * take effect with that snapshot, for requests that start after it; the listener's timeouts
     * apply to connections accepted after it; pools of upstreams no route uses any more close
     * once their last request is done. The listeners themselves are bound: a reload that would
     * change them is refused before it gets here.
     *
     * @param overrides applied to each reloaded camgate.yaml as at start (the demo points every
     *                  route at its own s3proxy)
     */
    public ReloadListener reloads(UnaryOperator<GatewaySettings> overrides) {
        return new ReloadListener() {
            /** Read on the reload thread only, like every call of this listener. */
            private GatewaySettings staged;

            @Override
            public void staging(Published next, Optional<GatewaySettings> read) {
                staged = read.map(overrides).orElse(null);
                if (staged != null) {
                    served.stage(next, new RouteTable(staged.routes()));
                }
            }

            @Override
            public void published(Published published) {
                if (staged != null) {
                    server.limits(limits(staged.listen()));
                    settings = staged;
                    staged = null;
                }
                server.upstreamPools().retireAllBut(served.current().routes().upstreams());
            }
        };
    }

    /** The settings in force: as at start, then as the last published reload read them. */
    public GatewaySettings settings() {
        return settings;
    }

    /** The port the listener is bound to. */
    public int port() {
        return server.port();
    }

    /** The upstream connection pools, for their metrics. */
    public UpstreamPools upstreamPools() {
        return server.upstreamPools();
    }

    /** The ingress decision listener's port, when there is one. */
    public OptionalInt ingressPort() {
        return ingress == null ? OptionalInt.empty() : OptionalInt.of(ingress.port());
    }

    /** Whether new connections are accepted (readiness). */
    public boolean accepting() {
        return server.accepting();
    }

    /** The listener's URL, e.g. {@code https://127.0.0.1:8443}. */
    public String url() {
        ListenSettings listen = settings.listen();
        return (listen.tls() ? "https" : "http") + "://" + listen.address() + ":" + port();
    }

    /** Stops accepting new connections; idle ones close, busy ones after their current response. */
    public void stopAccepting() {
        server.stopAccepting();
        if (ingress != null) {
            ingress.stopAccepting();
        }
    }

    /**
     * After {@link #stopAccepting()}: waits up to {@code deadline} for in-flight requests, then
     * releases everything.
     *
     * @return true when every connection finished in time
     */
    public boolean awaitDrained(Duration deadline) {
        boolean clean = server.awaitDrained(deadline);
        if (ingress != null) {
            ingress.awaitDrained(deadline);
        }
        return clean;
    }

    @Override
    public void close() {
        server.close();
        if (ingress != null) {
            ingress.close();
        }
    }
}
