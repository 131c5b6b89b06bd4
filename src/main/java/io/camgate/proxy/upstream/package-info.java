/**
 * The upstream side of the gateway: building and carrying the upstream request. The routes
 * ({@code RouteTable}, {@code Route}, {@code UpstreamRoute}); the planner that turns an
 * authorized request into the request its route's store gets ({@code UpstreamPlanner},
 * {@code UpstreamRequestBuilder}, {@code PostFormForwarding}), with the header allowlist
 * ({@code ForwardedHeaders}) and one {@code UpstreamMode} per upstream auth setting; the
 * pooled connections to the stores ({@code UpstreamPools}, TLS through {@code UpstreamTls}),
 * whose last handler ({@code UpstreamRelay}) hands the response to the {@code UpstreamLeg}
 * holding the connection; and the {@code Verdict} the proxy acts on. Sits below {@code proxy},
 * which owns the client connection, and never sees it.
 */
package io.camgate.proxy.upstream;
