/**
 * The Netty gateway, by phase: strict HTTP framing ({@code FramingGuard}); the connection's
 * handler ({@code ProxyHandler}) and its parts (the body a decision needs, the upstream
 * exchange, splicing, refusals, deadlines); the gatekeeper that asks the request's route and
 * the decider in {@code io.camgate.gate}, then the planner of {@code io.camgate.proxy.upstream};
 * the upstream exchange that streams an allowed request over a pooled connection and writes
 * the response to the client; COS-style errors; camgate's own request ids; graceful drain; the
 * request observers that feed metrics and logs; and the ingress decision listener. Follow one request: docs/ARCHITECTURE.md. Only {@code Gateway},
 * {@code Exchange}, {@code RequestObserver} and {@code OperationsObserver} are used outside the
 * package.
 */
package io.camgate.proxy;
