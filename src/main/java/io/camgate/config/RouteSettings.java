package io.camgate.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One entry of {@code routes} in {@code camgate.yaml}: which requests it takes (by bucket or by
 * host), where they go, how the upstream is addressed and authenticated, and the limits of the
 * connections to it.
 *
 * @param name            a name for logs
 * @param buckets         full bucket names ({@code name-appid}) this route serves
 * @param hosts           request hosts (lower case) this route serves
 * @param upstream        the upstream base URI, {@code http://host:port} or {@code https://host:port}
 * @param addressing      how the upstream names the bucket
 * @param auth            how the gateway authenticates to the upstream
 * @param accessKey       the upstream access key (sigv4) or SecretId (cos), or null
 * @param secretKey       its secret, or null; never printed
 * @param region          the SigV4 region
 * @param authorize       false only for benchmarks: forward without authenticating or authorizing
 * @param maxConnections  the most upstream connections per event loop
 * @param connectTimeout  how long connecting may take
 * @param responseTimeout how long the upstream may take to start its response
 * @param idleTimeout     how long a pooled connection may stay unused
 * @param foldsKeys       the upstream store treats keys as file paths, so keys with empty or dot
 *                        segments are refused rather than forwarded to name another object
 * @param tls             trust and client certificate for an {@code https://} upstream, null for {@code http://}
 */
public record RouteSettings(String name, List<String> buckets, List<String> hosts, URI upstream,
        Addressing addressing, UpstreamAuth auth, String accessKey, String secretKey, String region,
        boolean authorize, int maxConnections, Duration connectTimeout, Duration responseTimeout,
        Duration idleTimeout, boolean foldsKeys, UpstreamTlsSettings tls) {

    /** A route to an {@code http://} upstream, or to an {@code https://} one that trusts the JDK's trust store. */
    public RouteSettings(String name, List<String> buckets, List<String> hosts, URI upstream, Addressing addressing,
            UpstreamAuth auth, String accessKey, String secretKey, String region, boolean authorize,
            int maxConnections, Duration connectTimeout, Duration responseTimeout, Duration idleTimeout,
            boolean foldsKeys) {
        this(name, buckets, hosts, upstream, addressing, auth, accessKey, secretKey, region, authorize, maxConnections,
                connectTimeout, responseTimeout, idleTimeout, foldsKeys,
                "https".equals(upstream.getScheme()) ? UpstreamTlsSettings.DEFAULT : null);
    }

    /** How the upstream names the bucket. */
    public enum Addressing {
        /** {@code /<bucket>/<key>} on the upstream's host. */
        PATH,
        /** {@code /<key>} on the host {@code <bucket>.<upstream host>}. */
        VIRTUAL
    }

    /** How the gateway authenticates to the upstream. */
    public enum UpstreamAuth {
        /** The client's COS signature goes on unchanged (real COS upstream). */
        PASSTHROUGH,
        /** Re-signed with AWS Signature V4, headers translated for the S3 API. */
        SIGV4,
        /** Re-signed as COS v5 with the route's service key. */
        COS,
        /** No authentication upstream. */
        NONE
    }

    /** This route sending to another upstream (its TLS settings kept for an https one, dropped for http). */
    public RouteSettings withUpstream(URI other) {
        UpstreamTlsSettings otherTls = !"https".equals(other.getScheme()) ? null
                : tls == null ? UpstreamTlsSettings.DEFAULT : tls;
        return new RouteSettings(name, buckets, hosts, other, addressing, auth, accessKey, secretKey, region,
                authorize, maxConnections, connectTimeout, responseTimeout, idleTimeout, foldsKeys, otherTls);
    }

    /** This route trusting and authenticating to its https upstream as {@code settings} say. */
    public RouteSettings withTls(UpstreamTlsSettings settings) {
        return new RouteSettings(name, buckets, hosts, upstream, addressing, auth, accessKey, secretKey, region,
                authorize, maxConnections, connectTimeout, responseTimeout, idleTimeout, foldsKeys, settings);
    }

    @Override
    public String toString() {
        return "RouteSettings[" + name + " → " + upstream + ", " + addressing + ", " + auth
                + (accessKey == null ? "" : ", " + accessKey + ", secret redacted") + "]";
    }
}
