package io.camgate.proxy.splice;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Lets a spliced response body outlive its upstream's end of input. A store may close its idle
 * connection as soon as it has sent the whole body, while the tail still waits in the gateway's
 * socket for a slow client; closing the upstream channel at that point, as Netty does by
 * default, would throw the tail away. So the upstream is half-closed instead, and the splice
 * moves on what the socket holds. If the socket runs dry before the body is complete (the
 * store stopped short), nothing would wake the splice again: once the input has ended, this
 * watch fails the relay when the client has been sent nothing for {@link #STALL_MILLIS} and
 * nothing waits to be written to it, so the client connection is closed rather than left
 * hanging. A client that stops reading keeps the pipe full, which is not taken for the end.
 *
 * <p>Sits last in the upstream pipeline while the body is spliced (the relay is detached then),
 * where Netty's {@link ChannelInputShutdownEvent} arrives.
 */
final class SplicedTail extends ChannelInboundHandlerAdapter {
    /** How long a client is sent nothing, once the upstream's input has ended, before the body counts as cut short. */
    static final long STALL_MILLIS = 1000;

    private final EpollSocketChannel client;
    private final Promise<Void> done;
    private ScheduledFuture<?> check;

    private SplicedTail(EpollSocketChannel client, Promise<Void> done) {
        this.client = client;
        this.done = done;
    }

    /** Watches the relay {@code done} of a response body from {@code upstream} to {@code client}. */
    static void watch(AbstractEpollStreamChannel upstream, EpollSocketChannel client, Promise<Void> done) {
        SplicedTail tail = new SplicedTail(client, done);
        upstream.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        upstream.pipeline().addLast(tail);
        done.addListener(f -> {
            tail.stop();
            if (upstream.pipeline().context(tail) != null) {
                upstream.pipeline().remove(tail);
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent && check == null && !done.isDone()) {
            check = ctx.executor().scheduleAtFixedRate(() -> checkStalled(ctx), STALL_MILLIS, STALL_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void checkStalled(ChannelHandlerContext ctx) {
        boolean nothingQueued = client.unsafe().outboundBuffer() == null || client.unsafe().outboundBuffer().isEmpty();
        if (!done.isDone() && nothingQueued && client.tcpInfo().lastDataSent() >= STALL_MILLIS) {
            done.tryFailure(new IOException("the upstream ended its response before the body was complete"));
            ctx.close();
        }
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
        }
    }
}
