package io.camgate.proxy.upstream;

import io.camgate.config.UpstreamTlsSettings;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS to one {@code https://} upstream: the client context built once from the route's
 * {@link UpstreamTlsSettings}, and a handler per connection that names the upstream host
 * (SNI) and checks that the certificate does too (endpoint identification HTTPS). There is no
 * way to turn the check off.
 *
 * <p>Two instances are equal when they come from the same settings and the files held the
 * same bytes, so a reload that changes nothing keeps the route's pools, and one after a
 * mounted Secret was rotated opens new ones with the new files.
 */
final class UpstreamTls {
    private final UpstreamTlsSettings settings;
    private final byte[] fingerprint;
    private final SslContext context;

    private UpstreamTls(UpstreamTlsSettings settings, byte[] fingerprint, SslContext context) {
        this.settings = settings;
        this.fingerprint = fingerprint;
        this.context = context;
    }

    /** TLS as {@code settings} say (already validated with the configuration), or null for a plain-HTTP route. */
    static UpstreamTls of(UpstreamTlsSettings settings) {
        if (settings == null) {
            return null;
        }
        try {
            return new UpstreamTls(settings, fingerprint(settings), settings.clientContext());
        } catch (IOException e) {
            throw new UncheckedIOException("TLS files of an upstream became unusable after validation", e);
        }
    }

    /**
     * The first handler of a connection to {@code host:port}; its handshake must end within
     * {@code timeout}. The peer host is both the SNI name and the name the certificate must carry.
     */
    SslHandler newHandler(ByteBufAllocator alloc, String host, int port, Duration timeout) {
        SslHandler handler = context.newHandler(alloc, host, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        // Set here as well as in the context, so no builder default can leave it off.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeoutMillis(timeout.toMillis());
        return handler;
    }

    private static byte[] fingerprint(UpstreamTlsSettings settings) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path p : new Path[] {settings.ca(), settings.certificate(), settings.key()}) {
                digest.update(p == null ? new byte[0] : Files.readAllBytes(p));
                digest.update((byte) 0);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpstreamTls other && settings.equals(other.settings)
                && Arrays.equals(fingerprint, other.fingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings, Arrays.hashCode(fingerprint));
    }

    @Override
    public String toString() {
        return "UpstreamTls[" + settings + "]";
    }
}
