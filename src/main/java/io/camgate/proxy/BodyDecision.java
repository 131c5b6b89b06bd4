package io.camgate.proxy;

import io.camgate.gate.Admission;
import io.camgate.gate.PendingBody;
import io.camgate.proxy.upstream.Route;
import io.camgate.proxy.upstream.Verdict;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The second half of a decision made on the body, for one request: hands the body (a whole
 * multi-delete list, or a form's start) to the decider's named method for it, then acts on the
 * answer as {@link CosGatekeeper} acts on a head's.
 */
final class BodyDecision implements Verdict.BodyGate, Verdict.FormGate {
    private final CosGatekeeper gate;
    private final PendingBody pending;
    private final HttpRequest head;
    private final Route route;
    private final Exchange exchange;

    BodyDecision(CosGatekeeper gate, PendingBody pending, HttpRequest head, Route route, Exchange exchange) {
        this.gate = gate;
        this.pending = pending;
        this.head = head;
        this.route = route;
        this.exchange = exchange;
    }

    /**
     * Decides on the whole body. An allowed body that came without Content-MD5 (an S3 client's
     * multi-delete carries a checksum header instead, which the decision checked and the gateway
     * consumes) gets one for exactly the bytes decided on, since stores require it of such bodies.
     */
    @Override
    public Verdict admit(byte[] body) {
        Admission admission = gate.decider().decideWithBody(pending, body, route, exchange);
        if (admission instanceof Admission.Allowed && !head.headers().contains(HttpHeaderNames.CONTENT_MD5)) {
            head.headers().set(HttpHeaderNames.CONTENT_MD5, md5(body));
        }
        return gate.verdict(admission, head, route, exchange, body.length);
    }

    private static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }

    @Override
    public Verdict admit(byte[] prefix, boolean complete) {
        Admission admission = gate.decider().decideForm(pending, prefix, complete, exchange);
        if (admission instanceof Admission.NeedsBody) {
            return null;
        }
        return gate.verdict(admission, head, route, exchange, -1);
    }
}
