package io.camgate.cos;

import io.camgate.policy.IpAddress;

/**
 * Who the client is on the network: the socket peer, unless the peer is a configured trusted
 * proxy, in which case {@code X-Forwarded-For} and the configured VPC header speak for it.
 * Every address read is normalized by {@link IpAddress#normalize}, so an IPv4 client reported
 * as {@code ::ffff:203.0.113.9} is {@code 203.0.113.9} to trusted-proxy checks, to
 * {@code qcs:ip} and to the upstream's {@code X-Forwarded-For}.
 *
 * @param ip    the client address as a normalized IP literal ({@code qcs:ip})
 * @param vpcId the requester's VPC id from a trusted proxy, or null
 */
record ClientAddress(String ip, String vpcId) {
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    /**
     * Walks {@code X-Forwarded-For} from the right past every trusted proxy and takes the first
     * address that is not one (or the leftmost when all are), so a client cannot choose its
     * address by prepending entries. A header from an untrusted peer is ignored entirely.
     *
     * @throws ClassificationException when the peer (which an ingress may name in {@code X-Real-IP})
     *         or an entry a trusted proxy sends is not an IP literal
     */
    static ClientAddress resolve(Transport transport, RequestHeaders headers, CosSettings settings)
            throws ClassificationException {
        String peer = IpAddress.normalize(withoutZone(transport.peerAddress()));
        if (peer == null) {
            throw new ClassificationException(CosError.INVALID_REQUEST,
                    "The client address \"" + transport.peerAddress() + "\" is not an IP address.");
        }
        if (!settings.isTrustedProxy(peer)) {
            return new ClientAddress(peer, null);
        }
        String vpc = settings.vpcHeader() == null ? null : headers.single(settings.vpcHeader());
        String client = peer;
        String chain = String.join(",", headers.all(FORWARDED_FOR));
        int end = chain.length();
        while (!chain.isEmpty() && end >= 0) {
            int comma = chain.lastIndexOf(',', end - 1);
            String sent = chain.substring(comma + 1, end).trim();
            String entry = IpAddress.normalize(sent);
            if (entry == null) {
                throw new ClassificationException(CosError.INVALID_REQUEST,
                        "X-Forwarded-For from a trusted proxy holds \"" + sent + "\", which is not an IP address.");
            }
            client = entry;
            if (comma < 0 || !settings.isTrustedProxy(entry)) {
                break;
            }
            end = comma;
        }
        return new ClientAddress(client, vpc == null || vpc.isBlank() ? null : vpc.trim());
    }

    private static String withoutZone(String address) {
        int percent = address.indexOf('%');
        return percent < 0 ? address : address.substring(0, percent);
    }
}
