package io.camgate.loadtest;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Removes what a run with writes wrote: one DELETE per object, through the gateway, signed by
 * the bucket owner's root account (which every policy set allows on its own buckets). An
 * object counts as removed when the answer is 2xx or 404 (a DeleteObject of the mix may have
 * removed it already); every other object is listed, so that nothing is left behind unsaid.
 */
public final class WriteCleanup implements GatewayClient.Listener {
    private final CountDownLatch finished;
    private final AtomicInteger removed = new AtomicInteger();
    private final List<String> left = Collections.synchronizedList(new ArrayList<>());

    /**
     * What the cleanup did.
     *
     * @param written how many objects the run wrote
     * @param removed how many are gone now
     * @param left    the objects still there, each with why
     */
    public record Outcome(int written, int removed, List<String> left) {
    }

    private WriteCleanup(int count) {
        this.finished = new CountDownLatch(count);
    }

    /** Removes every object of {@code written} (the PUTs that wrote them) and waits for the answers. */
    public static Outcome run(HttpCallPlanner planner, List<HttpCall> written, InetSocketAddress gateway,
            Duration timeout, SslContext tls) throws InterruptedException {
        List<HttpCall> removals = new ArrayList<>();
        WriteCleanup cleanup = new WriteCleanup(written.size());
        for (HttpCall put : written) {
            HttpCall delete = planner.removal(put);
            if (delete == null) {
                cleanup.left.add(put.line() + ": the bucket's root account has no active key to remove it with");
                cleanup.finished.countDown();
            } else {
                removals.add(delete);
            }
        }
        if (!removals.isEmpty()) {
            try (GatewayClient client = new GatewayClient(gateway, 4, removals.size(), timeout, cleanup, tls)) {
                long now = System.nanoTime();
                removals.forEach(r -> client.submit(new GatewayClient.Submitted(r, now)));
                if (!cleanup.finished.await(timeout.toNanos() + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS)) {
                    cleanup.left.add(cleanup.finished.getCount() + " removals got no answer in time");
                }
            }
        }
        return new Outcome(written.size(), cleanup.removed.get(), List.copyOf(cleanup.left));
    }

    @Override
    public void answered(GatewayClient.Submitted s, int status, String body, long sentAt, long doneAt) {
        if (status / 100 == 2 || status == 404) {
            removed.incrementAndGet();
        } else {
            left.add(s.call().line() + ": DELETE answered " + status + " " + HttpLoad.errorCode(body));
        }
        finished.countDown();
    }

    @Override
    public void failed(GatewayClient.Submitted s, String why, long doneAt) {
        left.add(s.call().line() + ": " + why);
        finished.countDown();
    }
}
