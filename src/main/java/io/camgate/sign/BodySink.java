package io.camgate.sign;

import io.netty.buffer.ByteBuf;

/**
 * Where a body check releases the bytes the request path may forward, in order. Each buffer is a
 * retained slice of the content the check was given (nothing is copied): the sink owns it and
 * must release it, typically by writing it upstream.
 */
@FunctionalInterface
public interface BodySink {
    /** Takes {@code bytes}, which the sink now owns. */
    void data(ByteBuf bytes);
}
