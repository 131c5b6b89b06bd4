package io.camgate.proxy.upstream;

import io.camgate.config.RouteSettings;
import io.camgate.cos.CosRequest;
import io.camgate.cos.HostKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the route of a classified request: a route naming the request's host wins, then one
 * naming its bucket. At the gateway's own address (a Service name or an IP, path style) the
 * host names no store, so the bucket's route wins there and a route naming that address takes
 * only what names no bucket: ListBuckets. Requests no route takes are refused rather than sent
 * to a default.
 */
public final class RouteTable {
    private final Map<String, Route> byHost = new HashMap<>();
    private final Map<String, Route> byBucket = new HashMap<>();
    private final Set<UpstreamRoute> upstreams = new HashSet<>();

    /** The table for {@code routes} (already checked: no host or bucket is routed twice). */
    public RouteTable(List<RouteSettings> routes) {
        for (RouteSettings settings : routes) {
            Route route = Route.of(settings);
            settings.hosts().forEach(h -> byHost.put(h, route));
            settings.buckets().forEach(b -> byBucket.put(b, route));
            upstreams.add(route.upstream());
        }
    }

    /** The route for {@code request}, or null. */
    public Route find(CosRequest request) {
        String bucket = request.bucket();
        if (request.hostKind() == HostKind.GATEWAY && bucket != null) {
            return byBucket.get(bucket);
        }
        Route r = byHost.get(request.endpoint().host());
        if (r == null && bucket != null) {
            r = byBucket.get(bucket);
        }
        return r;
    }

    /** The upstreams this table sends to (pools of any other are retired once it is in force). */
    public Set<UpstreamRoute> upstreams() {
        return Set.copyOf(upstreams);
    }
}
