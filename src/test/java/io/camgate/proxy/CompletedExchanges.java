package io.camgate.proxy;

import io.camgate.metrics.RequestOutcome;
import io.camgate.metrics.UpstreamError;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RequestObserver} that keeps the outcome of each finished exchange and each failed
 * upstream connection ({@code route reason}), for tests that check what the metrics and the
 * access log are told. A failed connection is reported before the client's answer is written. An exchange is reported when its
 * response is written, which may be just after the client read it, so a test waits for it.
 */
final class CompletedExchanges implements RequestObserver {
    private record Completed(String requestId, RequestOutcome outcome) {
    }

    private final BlockingQueue<Completed> completed = new LinkedBlockingQueue<>();
    private final List<String> upstreamFailures = new CopyOnWriteArrayList<>();

    @Override
    public void upstreamFailed(String route, UpstreamError reason) {
        upstreamFailures.add(route + " " + reason.label());
    }

    /** Every failed upstream connection so far, as {@code route reason}. */
    List<String> upstreamFailures() {
        return List.copyOf(upstreamFailures);
    }

    @Override
    public void completed(Exchange exchange) {
        completed.add(new Completed(exchange.requestId(), exchange.outcome()));
    }

    /** The outcome of the exchange answered with {@code requestId}, waiting up to 30 s; null if it never came. */
    RequestOutcome outcomeOf(String requestId) throws InterruptedException {
        for (Completed c; (c = completed.poll(30, TimeUnit.SECONDS)) != null; ) {
            if (c.requestId().equals(requestId)) {
                return c.outcome();
            }
        }
        return null;
    }
}
