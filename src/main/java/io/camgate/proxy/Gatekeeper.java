package io.camgate.proxy;

import io.camgate.proxy.upstream.Verdict;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Decides a request from its head alone (classify, authenticate, authorize), before any of
 * its body is read, and says where an allowed request goes. Runs on the event loop, so it
 * must not block.
 */
@FunctionalInterface
interface Gatekeeper {
    /**
     * @param head     the request line and headers, framing already checked
     * @param clientIp the TCP peer's address, as text
     * @param tls      the negotiated TLS protocol ({@code TLSv1.3} ...), or null for plain HTTP
     * @param exchange where what is learnt about the request (action, caller, outcome, allowance) is kept
     */
    Verdict admit(HttpRequest head, String clientIp, String tls, Exchange exchange);
}
