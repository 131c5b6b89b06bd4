package io.camgate.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * The request id a client sees is always camgate's own, in {@code x-cos-request-id}, on
 * errors the gateway writes and on responses it relays alike, so one id finds the request in
 * the access log. The store's id, which a relayed response carries under the same name, moves
 * to {@code x-camgate-upstream-request-id} (and to the access log), where it is still at hand
 * for the store's support.
 */
final class RequestIdHeader {
    // AsciiStrings: their hashes are kept, and every relayed response looks both names up.
    /** The header every response carries with camgate's id. */
    static final AsciiString NAME = AsciiString.cached("x-cos-request-id");
    /** The header a relayed response carries the store's id in. */
    static final AsciiString UPSTREAM = AsciiString.cached("x-camgate-upstream-request-id");

    private RequestIdHeader() {
    }

    /**
     * Puts {@code ours} in {@code headers} of a relayed response, moving the store's id aside.
     *
     * @return the store's id, or null when it sent none
     */
    static String stamp(HttpHeaders headers, String ours) {
        String theirs = headers.get(NAME);
        headers.remove(UPSTREAM);
        if (theirs != null) {
            headers.set(UPSTREAM, theirs);
        }
        headers.set(NAME, ours);
        return theirs;
    }
}
