package io.camgate.cli;

import io.camgate.authz.Decision;
import io.camgate.cos.CosRequest;
import io.camgate.identity.Principal;
import io.camgate.proxy.AccessLog;
import java.io.PrintWriter;

/** Prints each decision on one line: outcome, reason, caller, operation and target. */
final class PrintingAccessLog implements AccessLog {
    private final PrintWriter out;

    PrintingAccessLog(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void decided(CosRequest request, Principal principal, Decision decision) {
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
