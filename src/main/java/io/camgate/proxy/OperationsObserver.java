package io.camgate.proxy;

import io.camgate.gate.DecisionRecord;
import io.camgate.authz.Decision;
import io.camgate.config.ShadowComparator;
import io.camgate.cos.CosRequest;
import io.camgate.identity.Principal;
import io.camgate.logs.AccessLine;
import io.camgate.logs.AccessLog;
import io.camgate.logs.DecisionLog;
import io.camgate.metrics.GatewayMetrics;
import io.camgate.metrics.RequestOutcome;
import io.camgate.metrics.UpstreamError;
import io.camgate.metrics.UpstreamFailure;
import io.camgate.sign.AuthError;

/**
 * Records each request where operations look: the meters (decision and request durations,
 * signature failures, upstream durations and failures), the shadow comparison, the decision log and the
 * JSON access log. The logs encode their lines on their own thread; the meters are a few
 * lookups and adds; nothing here blocks.
 */
public final class OperationsObserver implements RequestObserver {
    private final GatewayMetrics metrics;
    private final ShadowComparator shadow;
    private final DecisionLog decisions;
    private final AccessLog access;

    /**
     * @param metrics   the meters
     * @param shadow    the shadow comparator, or null without a shadow set
     * @param decisions the decision log
     * @param access    the access log
     */
    public OperationsObserver(GatewayMetrics metrics, ShadowComparator shadow, DecisionLog decisions,
            AccessLog access) {
        this.metrics = metrics;
        this.shadow = shadow;
        this.decisions = decisions;
        this.access = access;
    }

    @Override
    public void signatureRefused(AuthError error) {
        metrics.signatureFailure(error);
    }

    @Override
    public void decided(DecisionRecord exchange, CosRequest request, Principal principal, Decision decision,
            long durationNanos) {
        metrics.decision(decision.allowed(), durationNanos);
        if (shadow != null) {
            shadow.observe(principal, request.needs(), request.conditions(), decision);
        }
        decisions.record(exchange.requestId(), exchange.generation(), exchange.revision(), principal, request.needs(),
                request.conditions(), decision);
    }

    @Override
    public void framingRejected() {
        metrics.framingRejection();
    }

    @Override
    public void upstreamFailed(String route, UpstreamError reason) {
        metrics.upstreamError(route, reason);
    }

    @Override
    public void completed(Exchange exchange) {
        long duration = System.nanoTime() - exchange.startedNanos();
        if (exchange.upstreamNanos() >= 0) {
            metrics.upstream(exchange.status(), exchange.upstreamNanos());
        } else if (exchange.outcome() == RequestOutcome.ALLOW && exchange.status() == 502) {
            // allowed, yet no upstream response was relayed: the gateway answered for a failed upstream
            metrics.upstreamFailure(UpstreamFailure.FAILED);
        } else if (exchange.outcome() == RequestOutcome.ALLOW && exchange.status() == 504) {
            metrics.upstreamFailure(UpstreamFailure.TIMEOUT);
        }
        metrics.request(exchange.method(), exchange.action(), exchange.outcome(), exchange.status(), duration);
        access.record(new AccessLine(exchange.requestId(), exchange.method(), exchange.uri(), exchange.status(),
                exchange.outcome().label(), exchange.bytesIn(), exchange.bytesOut(), duration, exchange.principal(),
                exchange.startedMillis(), exchange.clientIp(), exchange.host(), exchange.bucket(), exchange.route(),
                exchange.upstreamStatus(), exchange.upstreamRequestId()));
    }
}
