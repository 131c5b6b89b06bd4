package io.camgate.metrics;

import java.util.Locale;

/**
 * Why a connection to an upstream failed, as the {@code reason} label of
 * {@code camgate_upstream_errors_total}: a bounded set, never the exception's text.
 */
public enum UpstreamError {
    /** No connection: refused, unreachable, the name did not resolve, or connecting took too long. */
    CONNECT,
    /** The TLS handshake failed for another reason than the certificate (protocol, alert, took too long). */
    HANDSHAKE,
    /** The certificate does not chain to a trusted authority. */
    UNTRUSTED,
    /** The certificate (or one of its chain) is outside its validity period. */
    EXPIRED,
    /** The certificate does not name the upstream host. */
    HOSTNAME,
    /** The upstream did not start its response within the route's response timeout. */
    TIMEOUT,
    /** The connection failed with an error (reset by the peer, broken pipe) while serving a request. */
    RESET,
    /** The upstream closed the connection before its response was complete. */
    CLOSED,
    /** The upstream's answer was not well-formed HTTP. */
    MALFORMED;

    /** The label value. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
