package io.camgate.cos;

import io.camgate.policy.IpAddress;

/**
 * Who the client is on the network: the socket peer, unless the peer is a configured trusted
 * proxy, in which case {@code X-Forwarded-For} and the configured VPC header speak for it.
 *
 * @param ip    the client address as an IP literal ({@code qcs:ip})
 * @param vpcId the requester's VPC id from a trusted proxy, or null
 */
record ClientAddress(String ip, String vpcId) {
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    /**
     * Walks {@code X-Forwarded-For} from the right past every trusted proxy and takes the first
     * address that is not one (or the leftmost when all are), so a client cannot choose its
     * address by prepending entries. A header from an untrusted peer is ignored entirely.
     *
     * @throws ClassificationException when a trusted proxy sends an entry that is not an IP literal
     */
    static ClientAddress resolve(Transport transport, RequestHeaders headers, CosSettings settings)
            throws ClassificationException {
        String peer = withoutZone(transport.peerAddress());
        if (!settings.isTrustedProxy(peer)) {
            return new ClientAddress(peer, null);
        }
        String vpc = settings.vpcHeader() == null ? null : headers.single(settings.vpcHeader());
        String client = peer;
        String chain = String.join(",", headers.all(FORWARDED_FOR));
        int end = chain.length();
        while (!chain.isEmpty() && end >= 0) {
            int comma = chain.lastIndexOf(',', end - 1);
            String entry = chain.substring(comma + 1, end).trim();
            if (IpAddress.parse(entry) == null) {
                throw new ClassificationException(CosError.INVALID_REQUEST,
                        "X-Forwarded-For from a trusted proxy holds \"" + entry + "\", which is not an IP address.");
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
