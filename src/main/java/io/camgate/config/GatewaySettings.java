package io.camgate.config;

import io.camgate.sign.SignatureRules;
import java.net.URI;
import java.util.List;

/**
 * What {@code camgate.yaml} says about serving: the listener, the signature rules and the
 * upstream routes.
 *
 * @param listen    the data-plane listener
 * @param signature how strictly signatures are checked
 * @param routes    where allowed requests go
 */
public record GatewaySettings(ListenSettings listen, SignatureRules signature, List<RouteSettings> routes) {
    /** These settings with every route sending to {@code upstream} (the demo points them at its own s3proxy). */
    public GatewaySettings withUpstream(URI upstream) {
        return new GatewaySettings(listen, signature, routes.stream().map(r -> r.withUpstream(upstream)).toList());
    }

    /** These settings listening on {@code port}. */
    public GatewaySettings withPort(int port) {
        return new GatewaySettings(listen.withPort(port), signature, routes);
    }
}
