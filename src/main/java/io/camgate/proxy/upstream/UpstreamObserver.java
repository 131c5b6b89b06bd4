package io.camgate.proxy.upstream;

import io.camgate.metrics.UpstreamError;

/** Told of each failed upstream connection. Called on event loops: must be quick and must not block. */
public interface UpstreamObserver {
    /**
     * A connection to the upstream of {@code route} failed: it could not be opened (TCP or TLS),
     * or it broke, closed or stayed silent while serving a request.
     */
    default void upstreamFailed(String route, UpstreamError reason) {
    }
}
