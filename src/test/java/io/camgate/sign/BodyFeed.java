package io.camgate.sign;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Feeds a body to a check in pieces, as the HTTP decoder would, and collects what it releases. */
final class BodyFeed implements BodySink {
    /** A body check under test. */
    interface Check {
        void accept(ByteBuf content, boolean last, BodySink sink) throws AuthenticationException;
    }

    private final ByteArrayOutputStream released = new ByteArrayOutputStream();

    @Override
    public void data(ByteBuf bytes) {
        byte[] copy = new byte[bytes.readableBytes()];
        bytes.getBytes(bytes.readerIndex(), copy);
        released.writeBytes(copy);
        bytes.release();
    }

    /** Everything released so far. */
    byte[] released() {
        return released.toByteArray();
    }

    String releasedText() {
        return released.toString(StandardCharsets.ISO_8859_1);
    }

    /** Feeds {@code body} in pieces of {@code piece} bytes (the last one marked), releasing each piece after. */
    BodyFeed feed(Check check, byte[] body, int piece) throws AuthenticationException {
        if (body.length == 0) {
            check.accept(Unpooled.EMPTY_BUFFER, true, this);
            return this;
        }
        for (int at = 0; at < body.length; at += piece) {
            int n = Math.min(piece, body.length - at);
            // A direct buffer with an offset, so that neither array access nor index 0 is assumed.
            ByteBuf buf = Unpooled.directBuffer(n + 3);
            buf.writeBytes(new byte[3]).readerIndex(3);
            buf.writeBytes(body, at, n);
            try {
                check.accept(buf, at + n == body.length, this);
            } finally {
                buf.release();
            }
        }
        return this;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
