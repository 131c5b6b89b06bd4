package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.ROOT_ID;
import static io.camgate.proxy.ExampleGateway.ROOT_KEY;
import static io.camgate.proxy.RawRequests.signed;

import io.camgate.config.ConfigLoader;
import io.camgate.config.GatewaySettings;
import io.camgate.config.RouteSettings;
import io.camgate.config.RouteSettings.UpstreamAuth;
import io.camgate.sign.SignatureRules;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.RawHttp;
import io.camgate.testing.RecordingUpstream;
import io.camgate.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One gateway per upstream auth mode ({@code none}, {@code passthrough}, {@code sigv4},
 * {@code cos}), each deciding with the example configuration, all sending to one
 * {@link RecordingUpstream} in front of an s3proxy that takes unsigned requests. What the
 * recording saw is what reached the store; the {@code none} route's answers are s3proxy's own,
 * so a request allowed there really reads or writes the store.
 */
final class RouteModeGateways implements AutoCloseable {
    private final S3ProxyServer s3;
    private final RecordingUpstream relay;
    private final Map<UpstreamAuth, Gateway> gateways = new EnumMap<>(UpstreamAuth.class);

    private RouteModeGateways(S3ProxyServer s3, RecordingUpstream relay) {
        this.s3 = s3;
        this.relay = relay;
    }

    /** What each gateway counted for the requests it completed: {@code METHOD uri in=N}. */
    private final BlockingQueue<String> completed = new LinkedBlockingQueue<>();

    private RequestObserver recorder() {
        return new RequestObserver() {
            @Override
            public void completed(Exchange e) {
                completed.add(e.method() + " " + e.uri() + " in=" + e.bytesIn());
            }
        };
    }

    /** The next completed request's line, waiting for it as long as a test may. */
    String nextCompleted() throws InterruptedException {
        String line = completed.poll(30, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no request completed");
        }
        return line;
    }

    /** Forgets the requests completed so far. */
    void clearCompleted() {
        completed.clear();
    }

    /** Starts s3proxy under {@code dir}, the recording hop and the four gateways, then stores {@code objects} as root. */
    static RouteModeGateways start(Path dir, Map<String, String> objects) throws Exception {
        S3ProxyServer s3 = S3ProxyServer.startUnsigned(Files.createDirectories(dir.resolve("s3")));
        RouteModeGateways all;
        try {
            all = new RouteModeGateways(s3, RecordingUpstream.start(s3.uri()));
            Path config = ExampleConfig.copyTo(dir.resolve("config"));
            for (UpstreamAuth mode : UpstreamAuth.values()) {
                RouteSettings route = new RouteSettings(mode.name().toLowerCase(), List.of(BUCKET), List.of(),
                        all.relay.uri(), RouteSettings.Addressing.PATH, mode, "upstream-id", "upstream-secret",
                        "us-east-1", true, 4, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30),
                        true);
                all.gateways.put(mode, Gateway.start(new ConfigLoader(name -> null).load(config, 1),
                        new GatewaySettings(ExampleGateway.plainListener(), SignatureRules.DEFAULTS, List.of(route)),
                        all.recorder(), Clock.systemUTC()));
            }
        } catch (Exception | Error e) {
            s3.close();
            throw e;
        }
        // passthrough sends the client's virtual-hosted path (/public/...), which s3proxy reads as
        // path style: a bucket of that name makes it take such requests whole, as a store would.
        check(RawHttp.exchange(s3.port(), "PUT /public HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n"), "the passthrough bucket");
        int none = all.port(UpstreamAuth.NONE);
        check(RawHttp.exchange(none, signed("PUT", "/", ROOT_ID, ROOT_KEY) + "Content-Length: 0\r\n\r\n"), "bucket");
        for (Map.Entry<String, String> o : objects.entrySet()) {
            check(RawHttp.exchange(none, signed("PUT", "/" + o.getKey(), ROOT_ID, ROOT_KEY) + "Content-Length: "
                    + o.getValue().length() + "\r\n\r\n" + o.getValue()), o.getKey());
        }
        all.relay.clear();
        return all;
    }

    private static void check(RawHttp.Reply reply, String what) {
        if (reply.status() != 200) {
            throw new IllegalStateException("could not store " + what + ": " + reply);
        }
    }

    /** The port of the gateway whose one route has {@code mode}. */
    int port(UpstreamAuth mode) {
        return gateways.get(mode).port();
    }

    /** What reached the store. */
    RecordingUpstream relay() {
        return relay;
    }

    /** The object {@code key} as the store holds it (root, through the {@code none} route), or null when absent. */
    String stored(String key) throws IOException {
        RawHttp.Reply reply = RawHttp.exchange(port(UpstreamAuth.NONE),
                signed("GET", "/" + key, ROOT_ID, ROOT_KEY) + "\r\n");
        return reply.status() == 200 ? reply.body() : null;
    }

    @Override
    public void close() throws IOException {
        gateways.values().forEach(Gateway::close);
        try {
            relay.close();
        } finally {
            s3.close();
        }
    }
}
