package io.camgate.store;

import io.camgate.config.StoreSettings;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Builds the etcd client for a {@link StoreSettings}: its endpoints, user and password, TLS
 * (a CA, and a client certificate for mutual TLS), and gRPC keep-alive, so that a connection
 * that goes silent is noticed instead of looking like an idle store.
 */
public final class EtcdConnection {
    /** How often gRPC pings a quiet connection, and how long it waits for the answer. */
    static final Duration KEEPALIVE = Duration.ofSeconds(10);
    static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(5);

    private EtcdConnection() {
    }

    /**
     * A client for {@code settings}; it connects lazily, so this does not wait on the network.
     *
     * @throws SSLException when the TLS files cannot be used
     */
    public static Client connect(StoreSettings settings) throws SSLException {
        ClientBuilder b = Client.builder().endpoints(settings.endpoints())
                .keepaliveTime(KEEPALIVE).keepaliveTimeout(KEEPALIVE_TIMEOUT).keepaliveWithoutCalls(true)
                .connectTimeout(Duration.ofSeconds(2));
        if (settings.user() != null) {
            b.user(StoreKeys.bytes(settings.user())).password(StoreKeys.bytes(settings.password()));
        }
        if (settings.caFile() != null || settings.certFile() != null) {
            SslContextBuilder ssl = SslContextBuilder.forClient();
            if (settings.caFile() != null) {
                ssl.trustManager(settings.caFile().toFile());
            }
            if (settings.certFile() != null) {
                ssl.keyManager(settings.certFile().toFile(), settings.keyFile().toFile());
            }
            b.sslContext(ssl.applicationProtocolConfig(null).build());
        }
        return b.build();
    }
}
