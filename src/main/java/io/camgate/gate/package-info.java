/**
 * Deciding one request: {@link io.camgate.gate.RequestDecider} turns a request head (and, for
 * the few requests decided on their body, that body) into an {@link io.camgate.gate.Admission}
 * by classifying it once, authenticating its signature, admitting the caller under its limits
 * and authorizing every action it needs against the snapshot it started with, in that order.
 * Nothing here knows about Netty, routes or upstreams: the proxy forwards what is allowed, the
 * ingress listener only answers. Sits above {@code cos}, {@code sign}, {@code limits} and
 * {@code authz}, and below {@code proxy}, {@code ingress} and {@code admin}.
 */
package io.camgate.gate;
