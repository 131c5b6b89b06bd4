/**
 * The Netty gateway: strict HTTP framing, the {@link io.camgate.proxy.CosGatekeeper} that
 * classifies, authenticates and authorizes each request head, routes and upstream request
 * building per upstream mode, pooled streaming forwarding, COS-style errors and graceful drain.
 */
package io.camgate.proxy;
