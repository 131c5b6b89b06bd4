package io.camgate.proxy.upstream;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Watches the forwarded body of a POST Object as it streams: the file part must be the form's
 * last part, closed by {@code \r\n--boundary--\r\n} and followed by nothing, and (when the
 * request declared its length) the file must be exactly as long as the length that was
 * authorized. A store reads every part of a form, so a field after the file (a second
 * {@code key}) would otherwise write where nothing was authorized. Each piece is checked
 * before it is forwarded, so a violation is seen before the upstream has the complete body.
 *
 * <p>Finds the delimiter with a Knuth–Morris–Pratt automaton: one pass, no bytes kept.
 */
final class FormTail implements Verdict.BodyTail {
    private static final byte[] CLOSE = "--\r\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] delimiter;
    private final int[] fallback;
    private final long expectedFile;
    private long skip;
    private long content;
    private int matched;
    /** After the delimiter: how many bytes of {@link #CLOSE} followed; -1 before it. */
    private int closed = -1;

    /**
     * @param boundary     the form's boundary
     * @param skip         bytes forwarded before the file's content (fields and the file part's headers)
     * @param expectedFile the file length authorized, or -1 when the body's length was not declared
     */
    FormTail(String boundary, long skip, long expectedFile) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.fallback = fallback(delimiter);
        this.skip = skip;
        this.expectedFile = expectedFile;
    }

    private static int[] fallback(byte[] pattern) {
        int[] f = new int[pattern.length + 1];
        f[0] = -1;
        for (int i = 1, k = -1; i <= pattern.length; i++) {
            while (k >= 0 && pattern[k] != pattern[i - 1]) {
                k = f[k];
            }
            f[i] = ++k;
        }
        return f;
    }

    @Override
    public boolean accept(ByteBuf piece, boolean last) {
        int from = piece.readerIndex();
        int to = piece.writerIndex();
        int i = from;
        if (skip > 0) {
            int skipped = (int) Math.min(skip, to - from);
            skip -= skipped;
            i += skipped;
        }
        for (; i < to; i++) {
            byte b = piece.getByte(i);
            if (closed >= 0) {
                if (closed >= CLOSE.length || CLOSE[closed] != b) {
                    return false;
                }
                closed++;
                continue;
            }
            while (matched >= 0 && delimiter[matched] != b) {
                matched = fallback[matched];
            }
            matched++;
            content++;
            if (matched == delimiter.length) {
                long file = content - delimiter.length;
                if (expectedFile >= 0 && file != expectedFile) {
                    return false;
                }
                closed = 0;
            }
        }
        if (expectedFile >= 0 && closed < 0 && content > expectedFile + delimiter.length) {
            return false;
        }
        return !last || closed == CLOSE.length || closed == 2 && expectedFile < 0;
    }
}
