package io.camgate.cos;

import java.util.Objects;

/**
 * What the connection tells about a request, as the listener saw it.
 *
 * @param peerAddress the socket peer as an IP literal (IPv4 or IPv6, an IPv6 zone is ignored)
 * @param secure      whether the request came over TLS
 * @param tlsVersion  the negotiated protocol as the JSSE names it ({@code TLSv1.2}), or null without TLS
 */
public record Transport(String peerAddress, boolean secure, String tlsVersion) {
    /** @throws NullPointerException without a peer address: {@code qcs:ip} must always be known */
    public Transport {
        Objects.requireNonNull(peerAddress, "peerAddress");
    }

    /** A plain-HTTP connection from {@code peerAddress}. */
    public static Transport plain(String peerAddress) {
        return new Transport(peerAddress, false, null);
    }

    /** A TLS connection from {@code peerAddress} with protocol {@code tlsVersion}. */
    public static Transport tls(String peerAddress, String tlsVersion) {
        return new Transport(peerAddress, true, tlsVersion);
    }
}
