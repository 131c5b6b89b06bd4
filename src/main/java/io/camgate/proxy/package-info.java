/**
 * The Netty gateway, by phase: strict HTTP framing ({@code FramingGuard}); the connection's
 * handler ({@code ProxyHandler}) and its parts (the body a decision needs, the upstream
 * exchange, splicing, refusals, deadlines); the gatekeeper that asks the request's route and
 * the decider in {@code io.camgate.gate}; the planner that builds the upstream request per
 * route mode ({@code UpstreamMode}); pooled streaming forwarding (TLS to {@code https://}
 * upstreams, each failed upstream connection counted and logged); COS-style errors; camgate's
 * own request ids; graceful drain; the request observers that feed metrics and logs; and the
 * ingress decision listener. Follow one request: docs/ARCHITECTURE.md. Only {@code Gateway},
 * {@code Exchange}, {@code RequestObserver}, {@code OperationsObserver} and
 * {@code UpstreamPools} are used outside the package.
 */
package io.camgate.proxy;
