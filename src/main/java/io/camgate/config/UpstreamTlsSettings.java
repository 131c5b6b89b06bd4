package io.camgate.config;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * How the gateway speaks TLS to an {@code https://} upstream: whom it trusts and, for an
 * upstream that asks for one, the client certificate it shows. Hostname verification and SNI
 * are not settings: they are always on.
 *
 * @param ca          a PEM bundle of the certificate authorities to trust, or null for the JDK's trust store
 * @param certificate the client certificate chain, PEM, or null for none
 * @param key         its private key, PKCS#8 PEM, or null for none
 */
public record UpstreamTlsSettings(Path ca, Path certificate, Path key) {
    /** The JDK's trust store, no client certificate: what an {@code https://} route without a {@code tls} section uses. */
    public static final UpstreamTlsSettings DEFAULT = new UpstreamTlsSettings(null, null, null);

    /** TLS 1.3 and 1.2: nothing older is offered. */
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * A client context for these settings (the JDK provider; TLS 1.2 and 1.3 only; the
     * endpoint identification algorithm HTTPS, so the upstream's certificate must name the
     * host connected to).
     *
     * @throws SSLException        when the certificate or key cannot be used
     * @throws RuntimeException    Netty reports some unreadable PEM files so (its cause says why)
     */
    public SslContext clientContext() throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(PROTOCOLS)
                .endpointIdentificationAlgorithm("HTTPS");
        if (ca != null) {
            b.trustManager(ca.toFile());
        }
        if (certificate != null) {
            b.keyManager(certificate.toFile(), key.toFile());
        }
        return b.build();
    }
}
