package io.camgate.testing;

import io.camgate.cli.LocalS3Proxy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * A real S3-compatible server for tests: {@link LocalS3Proxy} with the test credentials, the
 * jar where Maven put it, on a free loopback port (or a given one, to restart it in place).
 */
public final class S3ProxyServer implements AutoCloseable {
    /** The access key s3proxy accepts. */
    public static final String IDENTITY = "upstream-identity";
    /** The secret s3proxy accepts. */
    public static final String CREDENTIAL = "upstream-credential";

    private final LocalS3Proxy proxy;

    private S3ProxyServer(LocalS3Proxy proxy) {
        this.proxy = proxy;
    }

    /** Starts s3proxy storing under {@code dataDir} on a free port and waits (bounded) until it listens. */
    public static S3ProxyServer start(Path dataDir) throws IOException {
        return start(dataDir, LocalS3Proxy.freePort());
    }

    /** Starts s3proxy storing under {@code dataDir} on {@code port} and waits (bounded) until it listens. */
    public static S3ProxyServer start(Path dataDir, int port) throws IOException {
        Path jar = Path.of(System.getProperty("camgate.s3proxy.jar", LocalS3Proxy.DEFAULT_JAR));
        return new S3ProxyServer(LocalS3Proxy.start(jar, dataDir, port, IDENTITY, CREDENTIAL));
    }

    /**
     * Starts s3proxy taking SigV4 with the test credentials over https only, with the key and
     * certificate of {@code certificate}, on a free port.
     */
    public static S3ProxyServer startSecure(Path dataDir, TestCertificate certificate) throws IOException {
        Path jar = Path.of(System.getProperty("camgate.s3proxy.jar", LocalS3Proxy.DEFAULT_JAR));
        return new S3ProxyServer(LocalS3Proxy.start(jar, dataDir, LocalS3Proxy.freePort(), IDENTITY, CREDENTIAL,
                certificate.keyStore(), TestCertificate.PASSWORD));
    }

    /** Starts s3proxy accepting unsigned requests (for a proxy in front that authorizes), on a free port. */
    public static S3ProxyServer startUnsigned(Path dataDir) throws IOException {
        Path jar = Path.of(System.getProperty("camgate.s3proxy.jar", LocalS3Proxy.DEFAULT_JAR));
        return new S3ProxyServer(LocalS3Proxy.start(jar, dataDir, LocalS3Proxy.freePort(), null, null));
    }

    /** The base URI, {@code http://127.0.0.1:<port>} ({@code https://} when secure). */
    public URI uri() {
        return proxy.uri();
    }

    /** The port it listens on. */
    public int port() {
        return proxy.port();
    }

    @Override
    public void close() {
        proxy.close();
    }
}
