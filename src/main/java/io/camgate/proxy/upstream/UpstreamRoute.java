package io.camgate.proxy.upstream;

import java.net.URI;
import java.time.Duration;

/**
 * Where allowed requests go, and the limits of the connections that carry them.
 *
 * @param name            the route's name, for logs and metrics
 * @param target          the upstream base URI ({@code http://host:port} or {@code https://host:port})
 * @param maxConnections  the most connections open to the upstream at once, per event loop
 * @param connectTimeout  how long a connection attempt may take
 * @param responseTimeout how long the upstream may take to start answering once the request is sent
 * @param idleTimeout     how long a pooled connection may stay unused
 * @param tls             TLS to an {@code https://} target, null for {@code http://}
 */
public record UpstreamRoute(String name, URI target, int maxConnections, Duration connectTimeout,
        Duration responseTimeout, Duration idleTimeout, UpstreamTls tls) {

    /** A route to a plain-HTTP upstream. */
    public UpstreamRoute(String name, URI target, int maxConnections, Duration connectTimeout,
            Duration responseTimeout, Duration idleTimeout) {
        this(name, target, maxConnections, connectTimeout, responseTimeout, idleTimeout, null);
    }

    /** The host and port as the {@code Host} header of upstream requests. */
    public String hostHeader() {
        return target.getPort() < 0 ? target.getHost() : target.getHost() + ":" + target.getPort();
    }

    /** The port, defaulting by scheme. */
    public int port() {
        return target.getPort() >= 0 ? target.getPort() : target.getScheme().equals("https") ? 443 : 80;
    }
}
