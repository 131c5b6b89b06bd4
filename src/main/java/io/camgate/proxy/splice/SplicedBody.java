package io.camgate.proxy.splice;

import io.netty.channel.Channel;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * Moves the rest of a body of known length from one socket to the other inside the kernel
 * ({@code splice(2)} through a pipe), so that the gateway neither copies the bytes into its own
 * memory nor out again: response bodies from the upstream to the client, request bodies from
 * the client to the upstream. Used once the head and whatever body bytes came with it have gone
 * through the HTTP codecs: from then on the framing is nothing but a byte count, and
 * {@code proxy.SpliceControl} brings the codecs that did not see those bytes back in step.
 *
 * <p>Back-pressure stays with Netty: the source is read only while the pipe has room, and the
 * pipe (64 KiB) is emptied only as fast as the destination takes it; {@link SpliceBatching} has
 * the kernel wake the gateway for a batch of a response's bytes, not for each segment. Only plain-HTTP
 * connections on native epoll qualify, on both sides; with TLS the bytes must pass through the JVM.
 */
public final class SplicedBody {
    /** Shorter bodies go through the codecs: a splice costs a pipe, and for a response the upstream connection. */
    public static final long MIN_BYTES = 1L << 20;
    /**
     * The body is moved in slices of this size (at most an int, which {@code spliceTo} takes);
     * between two slices {@link SpliceBatching} sets the next one's wake-up threshold.
     */
    public static final int SLICE_BYTES = 2 * SpliceBatching.BYTES;

    private SplicedBody() {
    }

    /**
     * Whether bytes can move between {@code client} and {@code upstream} in the kernel: never
     * when either connection speaks TLS, whose records the JVM must encrypt or decrypt.
     */
    public static boolean possible(Channel client, Channel upstream) {
        return client instanceof EpollSocketChannel && upstream instanceof AbstractEpollStreamChannel
                && client.pipeline().get(SslHandler.class) == null && upstream.pipeline().get(SslHandler.class) == null;
    }

    /**
     * How long ago, in milliseconds, the kernel last received data on {@code source}, a client
     * connection whose body is being spliced: those bytes never pass through the pipeline, so
     * only the socket knows when the client last sent one.
     */
    public static long millisSinceData(Channel source) {
        return ((EpollSocketChannel) source).tcpInfo().lastDataRecv();
    }

    /**
     * Moves the next {@code bytes} bytes of {@code source} to {@code destination}; both must be
     * on the same event loop and one of them the client connection that {@link #possible}
     * accepted. The future succeeds once the last byte is written to the destination's socket,
     * and fails if either side closes first. {@code response}: a response body, whose bytes wake
     * the gateway in batches ({@link SpliceBatching}) and whose tail may outlive the upstream's
     * end of input ({@link SplicedTail}).
     */
    public static Future<Void> relay(Channel source, Channel destination, long bytes, boolean response) {
        Promise<Void> done = destination.eventLoop().newPromise();
        AbstractEpollStreamChannel from = (AbstractEpollStreamChannel) source;
        AbstractEpollStreamChannel to = (AbstractEpollStreamChannel) destination;
        SpliceBatching batching = new SpliceBatching(from, response);
        if (response) {
            SplicedTail.watch(from, (EpollSocketChannel) to, done);
        }
        batching.sliceStarts(bytes - Math.min(bytes, SLICE_BYTES));
        // Before the caller's listeners: the source reads the next request with its usual threshold.
        done.addListener(f -> batching.finish());
        // Every slice is queued at once: between two slices the source would otherwise be read
        // into the pipeline, whose decoder is no longer in step with the body.
        for (long left = bytes; left > 0; left -= SLICE_BYTES) {
            long after = left - Math.min(left, SLICE_BYTES);
            long afterNext = after - Math.min(after, SLICE_BYTES);
            from.spliceTo(to, (int) Math.min(left, SLICE_BYTES)).addListener(f -> {
                if (!f.isSuccess()) {
                    done.tryFailure(f.cause());
                } else if (after == 0) {
                    source.config().setAutoRead(false);
                    done.trySuccess(null);
                } else {
                    batching.sliceStarts(afterNext);
                }
            });
        }
        // Netty's splice pauses and resumes auto-read on the source as the destination drains the pipe.
        source.config().setAutoRead(true);
        return done;
    }
}
