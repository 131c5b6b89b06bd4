package io.camgate.cli;

import io.camgate.gate.DecisionRecord;
import io.camgate.authz.Decision;
import io.camgate.cos.CosRequest;
import io.camgate.identity.Principal;
import io.camgate.proxy.RequestObserver;
import java.io.PrintWriter;

/** Prints each decision on one line: outcome, reason, caller, operation and target. */
final class PrintingObserver implements RequestObserver {
    private final PrintWriter out;

    PrintingObserver(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void decided(DecisionRecord exchange, CosRequest request, Principal principal, Decision decision,
            long durationNanos) {
        out.println(line(request, principal, decision));
        out.flush();
    }

    /** The line printed for one decision. */
    static String line(CosRequest request, Principal principal, Decision decision) {
        String who = principal.uin() == null ? "anonymous" : principal.uin();
        String target = request.bucket() == null ? request.endpoint().host()
                : request.bucket() + "/" + (request.key() == null ? "" : request.key());
        return (decision.allowed() ? "ALLOW " : "DENY  ") + decision.reason().label() + "  " + who + "  "
                + request.operation().action() + "  " + target;
    }
}
