package io.camgate.sign;

import io.netty.buffer.ByteBuf;

/**
 * Releases body bytes to a {@link BodySink} as they come, except the byte that would complete
 * the declared length: that one is held until the body check has passed ({@link #open}), so an
 * upstream framed by that length cannot finish a body the gateway has not verified. Bytes beyond
 * the declared length are refused before any of them is released.
 */
final class FinalByteGate {
    private final long declared;
    private long passed;
    private ByteBuf held;

    /** @param declared the length the upstream is told, or -1 when it is not known in advance */
    FinalByteGate(long declared) {
        this.declared = declared;
    }

    /** How many bytes have been passed to the gate (released or held). */
    long passed() {
        return passed;
    }

    /** Passes {@code buf[index, index + length)} on, holding back the final byte. */
    void pass(ByteBuf buf, int index, int length, BodySink sink) throws AuthenticationException {
        if (length == 0) {
            return;
        }
        if (declared >= 0 && passed + length > declared) {
            throw new AuthenticationException(AuthError.lengthMismatch(
                    "The body is longer than its declared length of " + declared + " bytes."));
        }
        passed += length;
        if (passed == declared) {
            if (length > 1) {
                sink.data(buf.retainedSlice(index, length - 1));
            }
            held = buf.retainedSlice(index + length - 1, 1);
        } else {
            sink.data(buf.retainedSlice(index, length));
        }
    }

    /** Releases the held byte, once the body has passed every check. */
    void open(BodySink sink) {
        if (held != null) {
            ByteBuf last = held;
            held = null;
            sink.data(last);
        }
    }

    /** Drops the held byte: the body failed or was abandoned. */
    void discard() {
        if (held != null) {
            held.release();
            held = null;
        }
    }
}
