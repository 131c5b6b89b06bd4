package io.camgate.proxy;

import io.camgate.config.RouteSettings;
import io.camgate.sign.SigV4Signer;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * One configured route, ready to serve: its settings, the upstream connection parameters,
 * and for {@code sigv4} routes the signer built once from the route's key.
 *
 * @param settings what {@code camgate.yaml} says
 * @param upstream where the pooled connections go
 * @param sigv4    the SigV4 signer, or null for other modes
 */
record Route(RouteSettings settings, UpstreamRoute upstream, SigV4Signer sigv4) {
    /** Builds the route for {@code settings}. */
    static Route of(RouteSettings settings) {
        UpstreamRoute upstream = new UpstreamRoute(settings.name(), settings.upstream(), settings.maxConnections(),
                settings.connectTimeout(), settings.responseTimeout(), settings.idleTimeout());
        SigV4Signer signer = settings.auth() == RouteSettings.UpstreamAuth.SIGV4
                ? new SigV4Signer(settings.accessKey(), settings.secretKey(), settings.region(), "s3")
                : null;
        return new Route(settings, upstream, signer);
    }

    /**
     * Refuses {@code key} when this route's store would fold it into another key
     * ({@link FoldedKeys}); null and empty keys (bucket-level requests) pass.
     */
    void checkKey(String key) throws ForwardingRefused {
        if (settings.foldsKeys() && key != null && FoldedKeys.folds(key)) {
            throw new ForwardingRefused(HttpResponseStatus.BAD_REQUEST, "InvalidArgument", "The key " + key
                    + " has an empty, '.' or '..' segment, which the store of this route would read as another key.");
        }
    }

    /** Whether this route names {@code bucket} (routes never share a bucket, so no other route serves it). */
    boolean servesBucket(String bucket) {
        return settings.buckets().contains(bucket);
    }

    /** The route's auth mode. */
    RouteSettings.UpstreamAuth auth() {
        return settings.auth();
    }
}
