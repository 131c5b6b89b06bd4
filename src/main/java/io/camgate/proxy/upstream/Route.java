package io.camgate.proxy.upstream;

import io.camgate.config.RouteSettings;
import io.camgate.gate.KeyRule;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * One configured route, ready to serve: its settings, the upstream connection parameters,
 * and how it reaches its store, made once from the route's mode and key.
 *
 * @param settings what {@code camgate.yaml} says
 * @param upstream where the pooled connections go
 * @param mode     how requests are addressed, signed and rewritten for the store
 */
public record Route(RouteSettings settings, UpstreamRoute upstream, UpstreamMode mode) implements KeyRule {
    /** Builds the route for {@code settings}. */
    static Route of(RouteSettings settings) {
        UpstreamRoute upstream = new UpstreamRoute(settings.name(), settings.upstream(), settings.maxConnections(),
                settings.connectTimeout(), settings.responseTimeout(), settings.idleTimeout(),
                UpstreamTls.of(settings.tls()));
        return new Route(settings, upstream, UpstreamMode.of(settings));
    }

    /**
     * Refuses {@code key} when this route's store would fold it into another key
     * ({@link FoldedKeys}); null and empty keys (bucket-level requests) pass.
     */
    void checkKey(String key) throws ForwardingRefused {
        String refusal = refusal(key);
        if (refusal != null) {
            throw new ForwardingRefused(HttpResponseStatus.BAD_REQUEST, "InvalidArgument", refusal);
        }
    }

    @Override
    public String refusal(String key) {
        return settings.foldsKeys() && key != null && FoldedKeys.folds(key) ? "The key " + key
                + " has an empty, '.' or '..' segment, which the store of this route would read as another key."
                : null;
    }

    /** Whether this route names {@code bucket} (routes never share a bucket, so no other route serves it). */
    boolean servesBucket(String bucket) {
        return settings.buckets().contains(bucket);
    }
}
