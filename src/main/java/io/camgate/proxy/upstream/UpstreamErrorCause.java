package io.camgate.proxy.upstream;

import io.camgate.metrics.UpstreamError;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Tells from an exception why a connection to an upstream failed ({@link UpstreamError}),
 * looking through the causes: the JDK wraps a refused certificate in a handshake exception,
 * and Netty wraps that again.
 */
final class UpstreamErrorCause {
    private UpstreamErrorCause() {
    }

    /** The reason a connection attempt (TCP connect, then the TLS handshake) failed with {@code cause}. */
    static UpstreamError ofConnect(Throwable cause) {
        UpstreamError known = known(cause);
        return known != null ? known : UpstreamError.CONNECT;
    }

    /** The reason a connection that served a request failed with {@code cause} (null: it closed). */
    static UpstreamError ofExchange(Throwable cause) {
        if (cause == null) {
            return UpstreamError.CLOSED;
        }
        UpstreamError known = known(cause);
        return known != null ? known : UpstreamError.RESET;
    }

    /** The reason {@code cause} or one of its causes shows (TLS, connecting), or null when none does. */
    private static UpstreamError known(Throwable cause) {
        boolean ssl = false;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException
                    || t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return UpstreamError.EXPIRED;
            }
            if (t instanceof CertificateException c && isNameMismatch(c)) {
                return UpstreamError.HOSTNAME;
            }
            if (t instanceof CertPathValidatorException || t.getClass().getName().endsWith("CertPathBuilderException")) {
                return UpstreamError.UNTRUSTED;
            }
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException
                    || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return UpstreamError.CONNECT;
            }
            ssl |= t instanceof SSLException || t instanceof SslHandshakeTimeoutException;
        }
        return ssl ? UpstreamError.HANDSHAKE : null;
    }

    /**
     * The JDK's hostname check fails with a plain CertificateException whose only mark is its
     * text ("No name matching ...", "No subject alternative ... matching ...").
     */
    private static boolean isNameMismatch(CertificateException e) {
        String m = e.getMessage();
        return m != null && m.startsWith("No ") && m.contains("matching");
    }
}
