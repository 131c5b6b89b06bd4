package io.camgate.proxy;

import io.netty.channel.Channel;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * Moves the rest of a response body of known length from the upstream socket to the client
 * socket inside the kernel ({@code splice(2)} through a pipe), so that the gateway neither
 * copies the bytes into its own memory nor out again. Used once the response head and
 * whatever body bytes came with it have gone through the HTTP codecs: from then on the
 * framing is nothing but a byte count, and {@link ProxyHandler} ends the response with an
 * empty last chunk and closes the upstream connection, whose decoder never saw those bytes.
 *
 * <p>Back-pressure stays with Netty: the upstream is read only while the pipe has room, and
 * the pipe (64 KiB) is emptied only as fast as the client takes it. Only plain-HTTP client
 * connections on native epoll qualify; with TLS the bytes must pass through the JVM.
 */
final class SplicedBody {
    /** Bodies shorter than this go through the codecs: the upstream connection is kept for them. */
    static final long MIN_BYTES = 1L << 20;
    /** {@code spliceTo} takes an int length; longer bodies are moved in slices of this size. */
    private static final int MAX_SLICE = 1 << 30;

    private SplicedBody() {
    }

    /** Whether bytes can move from {@code upstream} to {@code client} in the kernel. */
    static boolean possible(Channel client, Channel upstream) {
        return client instanceof AbstractEpollStreamChannel && upstream instanceof AbstractEpollStreamChannel
                && client.pipeline().get(SslHandler.class) == null;
    }

    /**
     * Moves the next {@code bytes} bytes of {@code upstream} to {@code client}; both must be on
     * the same event loop and {@link #possible}. The future succeeds once the last byte is
     * written to the client's socket, and fails if either side closes first.
     */
    static Future<Void> relay(Channel upstream, Channel client, long bytes) {
        Promise<Void> done = client.eventLoop().newPromise();
        AbstractEpollStreamChannel from = (AbstractEpollStreamChannel) upstream;
        AbstractEpollStreamChannel to = (AbstractEpollStreamChannel) client;
        // Every slice is queued at once: between two slices the upstream would otherwise be read
        // into the pipeline, whose decoder is no longer in step with the body.
        for (long left = bytes; left > 0; left -= MAX_SLICE) {
            boolean last = left <= MAX_SLICE;
            from.spliceTo(to, (int) Math.min(left, MAX_SLICE)).addListener(f -> {
                if (!f.isSuccess()) {
                    done.tryFailure(f.cause());
                } else if (last) {
                    upstream.config().setAutoRead(false);
                    done.trySuccess(null);
                }
            });
        }
        // Netty's splice pauses and resumes auto-read on the upstream as the client drains the pipe.
        upstream.config().setAutoRead(true);
        return done;
    }
}
