package io.camgate.proxy;

import io.camgate.gate.Admission;
import io.camgate.gate.PendingBody;
import io.camgate.proxy.upstream.Route;
import io.camgate.proxy.upstream.Verdict;
import io.netty.handler.codec.http.HttpRequest;

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

    @Override
    public Verdict admit(byte[] body) {
        Admission admission = gate.decider().decideWithBody(pending, body, route, exchange);
        return gate.verdict(admission, head, route, exchange, body.length);
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
