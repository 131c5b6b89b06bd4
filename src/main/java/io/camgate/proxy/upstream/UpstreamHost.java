package io.camgate.proxy.upstream;

import java.util.Locale;

/**
 * Which host a connection to an {@code https://} upstream goes to, names in SNI and expects in
 * the certificate: the host the request names (its {@code Host}, without the port) when that
 * is a virtual-hosted bucket under the route's upstream host
 * ({@code <bucket>.cos.<region>.myqcloud.com} under {@code cos.<region>.myqcloud.com}), else the
 * upstream host itself. A client's Host therefore never sends the gateway anywhere but the
 * configured upstream's own domain. Plain-HTTP routes always connect to the upstream host.
 */
final class UpstreamHost {
    private UpstreamHost() {
    }

    /** The host to connect to for a request to {@code route} whose upstream head says {@code Host: hostHeader}. */
    static String of(UpstreamRoute route, String hostHeader) {
        String upstream = route.target().getHost();
        if (route.tls() == null || hostHeader == null) {
            return upstream;
        }
        upstream = upstream.toLowerCase(Locale.ROOT);
        String named = hostHeader.toLowerCase(Locale.ROOT);
        int colon = named.lastIndexOf(':');
        if (colon >= 0 && named.indexOf(']') < colon) {
            named = named.substring(0, colon);
        }
        int dot = named.length() - upstream.length() - 1;
        boolean subdomain = dot > 0 && named.endsWith(upstream) && named.charAt(dot) == '.'
                && named.lastIndexOf('.', dot - 1) < 0;
        return subdomain ? named : upstream;
    }
}
