package io.camgate.proxy.splice;

import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How many bytes of a spliced response body must wait in the upstream socket before the kernel
 * wakes the gateway ({@code SO_RCVLOWAT}). Left at one byte, a fast upstream wakes the gateway
 * for every segment it sends, and on a host where the upstream, the gateway and the client share
 * a few cores those wake-ups cost them all CPU time and waits in the run queue. A threshold of
 * {@link #BYTES} lets the bytes gather in the kernel and move on in batches. Request bodies are
 * not batched: held back, an upload reached a store that was already the slower side in bursts,
 * and took longer (benchmarks/RESULTS.md).
 *
 * <p>The threshold must never ask for bytes that will not come: it applies to a slice of the
 * body only while at least {@link #BYTES} more follow that slice, and it falls back to one byte
 * when a slice has waited {@link #WAIT_MILLIS} for its batch, so that a slow sender still
 * reaches the client at its own pace.
 */
public final class SpliceBatching {
    /** Bytes that wake the gateway while a long body is spliced. */
    public static final int BYTES = 2 << 20;
    /** Longest a slice of the body waits for a whole batch. */
    static final long WAIT_MILLIS = 500;
    /** {@code setsockopt(SOL_SOCKET, SO_RCVLOWAT)}; the generic Linux numbers, those of every architecture with native epoll. */
    private static final IntegerUnixChannelOption SO_RCVLOWAT = new IntegerUnixChannelOption("SO_RCVLOWAT", 1, 18);

    private final AbstractEpollStreamChannel source;
    private final boolean batched;
    private ScheduledFuture<?> fallback;

    /** Batches the wake-ups of {@code source} if {@code batched}; otherwise leaves its threshold alone. */
    SpliceBatching(AbstractEpollStreamChannel source, boolean batched) {
        this.source = source;
        this.batched = batched;
    }

    /** A slice of the body starts, and {@code bytesAfter} more follow it. */
    void sliceStarts(long bytesAfter) {
        if (!batched) {
            return;
        }
        cancelFallback();
        if (bytesAfter >= BYTES) {
            wakeAt(BYTES);
            fallback = source.eventLoop().schedule(() -> wakeAt(1), WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            wakeAt(1);
        }
    }

    /** The body is through, or the splice failed: the socket wakes the gateway for every byte again. */
    void finish() {
        if (batched) {
            cancelFallback();
            wakeAt(1);
        }
    }

    private void cancelFallback() {
        if (fallback != null) {
            fallback.cancel(false);
            fallback = null;
        }
    }

    private void wakeAt(int bytes) {
        if (source.isOpen()) {
            source.config().setOption(SO_RCVLOWAT, bytes);
        }
    }
}
