package io.camgate.proxy;

import com.qcloud.cos.COSClient;
import io.camgate.authz.Snapshot;
import io.camgate.config.ConfigLoader;
import io.camgate.config.GatewaySettings;
import io.camgate.config.ListenSettings;
import io.camgate.config.RouteSettings;
import io.camgate.sign.SignatureRules;
import io.camgate.testing.CosClients;
import io.camgate.testing.S3ProxyServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The example configuration ({@code config/}) served by an in-process gateway whose one route
 * sends the example buckets to a real s3proxy with SigV4, and COS SDK clients for its callers
 * whose endpoints resolve to the gateway while the Host header stays the real COS host.
 */
public final class ExampleGateway implements AutoCloseable {
    public static final String BUCKET = "examplebucket-1250000001";
    public static final String HOST = BUCKET + ".cos.ap-shanghai.myqcloud.com";
    static final String ROOT_ID = "AKIDexampleROOT0000000000000000001";
    static final String ROOT_KEY = "demoRootSecretKey00000000000001";
    public static final String BOB_ID = "AKIDexampleBOB00000000000000000012";
    public static final String BOB_KEY = "demoBobSecretKey000000000000012";
    static final String CAROL_ID = "AKIDexampleCAROL000000000000000013";
    static final String CAROL_KEY = "demoCarolSecretKey0000000000013";
    static final String DAVE_ID = "AKIDexampleDAVE00000000000000000014";
    static final String DAVE_KEY = "demoDaveSecretKey00000000000014";

    final Gateway gateway;

    private ExampleGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    /** The example configuration's snapshot. */
    public static Snapshot exampleSnapshot() throws Exception {
        return new ConfigLoader(name -> null).load(Path.of("config"), 1);
    }

    /** Settings listening on a free loopback port with one sigv4 route for the example buckets to {@code upstream}. */
    static GatewaySettings settings(URI upstream, ListenSettings listen) {
        return new GatewaySettings(listen, SignatureRules.DEFAULTS,
                List.of(route("s3proxy", List.of(BUCKET, "partnerbucket-1250000002"), List.of(), upstream)));
    }

    /** A route re-signing to the s3proxy at {@code upstream}, path style, for these buckets or hosts. */
    public static RouteSettings route(String name, List<String> buckets, List<String> hosts, URI upstream) {
        return new RouteSettings(name, buckets, hosts, upstream, RouteSettings.Addressing.PATH,
                RouteSettings.UpstreamAuth.SIGV4, S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL, "us-east-1", true,
                16, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(60), true);
    }

    /** A plain-HTTP loopback listener on a free port. */
    static ListenSettings plainListener() {
        return new ListenSettings("127.0.0.1", 0, null, null, Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(10));
    }

    static ExampleGateway start(S3ProxyServer s3) throws Exception {
        return start(s3, RequestObserver.NONE);
    }

    static ExampleGateway start(S3ProxyServer s3, RequestObserver observer) throws Exception {
        return start(settings(s3.uri(), plainListener()), observer);
    }

    /** The example snapshot served as {@code settings} say. */
    static ExampleGateway start(GatewaySettings settings, RequestObserver observer) throws Exception {
        return new ExampleGateway(Gateway.start(exampleSnapshot(), settings, observer, Clock.systemUTC()));
    }

    int port() {
        return gateway.port();
    }

    /** An SDK client signing with {@code secretId}/{@code secretKey}, or anonymous when null. */
    COSClient client(String secretId, String secretKey) {
        return client(port(), secretId, secretKey);
    }

    /** An SDK client for a gateway on {@code port}: no retries, so a failure shows as it is. */
    static COSClient client(int port, String secretId, String secretKey) {
        return CosClients.client(port, secretId, secretKey);
    }

    /** {@code url} (a presigned COS URL) aimed at the gateway: same path and query. */
    URI toGateway(java.net.URL url) {
        return URI.create("http://127.0.0.1:" + port() + url.getFile());
    }

    @Override
    public void close() {
        gateway.close();
    }
}
