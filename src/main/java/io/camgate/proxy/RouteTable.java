package io.camgate.proxy;

import io.camgate.config.RouteSettings;
import io.camgate.cos.CosRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the route of a classified request: a route naming the request's host wins, then one
 * naming its bucket. Requests no route takes are refused rather than sent to a default.
 */
public final class RouteTable {
    private final Map<String, Route> byHost = new HashMap<>();
    private final Map<String, Route> byBucket = new HashMap<>();

    /** The table for {@code routes} (already checked: no host or bucket is routed twice). */
    public RouteTable(List<RouteSettings> routes) {
        for (RouteSettings settings : routes) {
            Route route = Route.of(settings);
            settings.hosts().forEach(h -> byHost.put(h, route));
            settings.buckets().forEach(b -> byBucket.put(b, route));
        }
    }

    /** The route for {@code request}, or null. */
    Route find(CosRequest request) {
        Route r = byHost.get(request.endpoint().host());
        if (r == null && request.bucket() != null) {
            r = byBucket.get(request.bucket());
        }
        return r;
    }

    /** The route serving {@code bucket}, or null. */
    Route forBucket(String bucket) {
        return byBucket.get(bucket);
    }
}
