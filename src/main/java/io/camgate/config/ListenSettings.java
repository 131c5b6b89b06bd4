package io.camgate.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code listen} section of {@code camgate.yaml}: where the data-plane listener binds and,
 * optionally, the PEM certificate chain and private key that make it TLS.
 *
 * @param address         the address to bind
 * @param port            the port (0 picks a free one)
 * @param certificate     PEM certificate chain, or null for plain HTTP
 * @param key             PEM private key (PKCS#8), or null
 * @param headerTimeout   how long a client may take to send a request head
 * @param bodyTimeout     how long a client may leave the gateway waiting for more of a request body
 * @param shutdownTimeout how long in-flight requests may run on after a shutdown signal
 */
public record ListenSettings(String address, int port, Path certificate, Path key, Duration headerTimeout,
        Duration bodyTimeout, Duration shutdownTimeout) {
    /** Whether the listener speaks TLS. */
    public boolean tls() {
        return certificate != null;
    }

    /** This listener on another port. */
    public ListenSettings withPort(int newPort) {
        return new ListenSettings(address, newPort, certificate, key, headerTimeout, bodyTimeout, shutdownTimeout);
    }
}
