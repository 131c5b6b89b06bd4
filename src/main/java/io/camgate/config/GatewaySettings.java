package io.camgate.config;

import io.camgate.sign.SignatureRules;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What {@code camgate.yaml} says: the listener, the signature rules, the upstream routes, the
 * optional ingress decision listener and the operations sections.
 *
 * @param listen     the data-plane listener
 * @param signature  how strictly signatures are checked
 * @param routes     where allowed requests go
 * @param ingress    where the ingress decision listener listens, when there is one
 * @param operations the admin listener and the shadow directory
 */
public record GatewaySettings(ListenSettings listen, SignatureRules signature, List<RouteSettings> routes,
        Optional<IngressSettings> ingress, OpsSettings operations) {
    /** Settings without an ingress decision listener, with the default operations sections. */
    public GatewaySettings(ListenSettings listen, SignatureRules signature, List<RouteSettings> routes) {
        this(listen, signature, routes, Optional.empty());
    }

    /** Settings with the default operations sections. */
    public GatewaySettings(ListenSettings listen, SignatureRules signature, List<RouteSettings> routes,
            Optional<IngressSettings> ingress) {
        this(listen, signature, routes, ingress, OpsSettings.DEFAULTS);
    }

    /** These settings with every route sending to {@code upstream} (the demo points them at its own s3proxy). */
    public GatewaySettings withUpstream(URI upstream) {
        return new GatewaySettings(listen, signature, routes.stream().map(r -> r.withUpstream(upstream)).toList(),
                ingress, operations);
    }

    /** These settings listening on {@code port}. */
    public GatewaySettings withPort(int port) {
        return new GatewaySettings(listen.withPort(port), signature, routes, ingress, operations);
    }

    /** These settings with the ingress decision listener at {@code where}. */
    public GatewaySettings withIngress(IngressSettings where) {
        return new GatewaySettings(listen, signature, routes, Optional.of(where), operations);
    }
}
