/**
 * The Netty gateway: strict HTTP framing, the {@link io.camgate.proxy.CosGatekeeper} that
 * classifies, authenticates, limits and authorizes each request head, routes and upstream
 * request building per upstream mode, pooled streaming forwarding (TLS to {@code https://}
 * upstreams, each failed upstream connection counted and logged), COS-style errors, camgate's
 * own request ids, graceful drain, the request observers that feed metrics and logs, and the
 * ingress decision listener.
 */
package io.camgate.proxy;
