package io.camgate.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.testing.Trials;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streamed end of a form: the file part must be last and as long as authorized, however the bytes are split. */
class FormTailTest {
    private static final String B = "xYz";
    private static final String HEAD = "--xYz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n";

    /** Feeds {@code body} in pieces cut at random, as a socket would; the verdict of the last piece or the first refusal. */
    private static boolean accepts(String body, long expected, java.util.Random random) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        FormTail tail = new FormTail(B, HEAD.length(), expected);
        int at = 0;
        while (true) {
            int n = random == null ? bytes.length - at : random.nextInt(bytes.length - at + 1);
            boolean last = at + n == bytes.length;
            if (!tail.accept(Unpooled.wrappedBuffer(bytes, at, n), last)) {
                return false;
            }
            at += n;
            if (last) {
                return true;
            }
        }
    }

    private static String form(String file, String end) {
        return HEAD + file + "\r\n--" + B + end;
    }

    @Test
    void acceptsAFileEndingTheFormInAnySplit() {
        String file = "\r\n--xY\r\n-\r\n--xYzz".repeat(3).replace("xYzz", "xYq") + "data";
        Trials.run(300, random -> {
            assertThat(accepts(form(file, "--\r\n"), file.length(), random)).isTrue();
            assertThat(accepts(form(file, "--\r\n"), -1, random)).isTrue();
            assertThat(accepts(form(file, "--"), -1, random)).isTrue();
        });
    }

    @Test
    void refusesWhatBreaksTheShapeInAnySplit() {
        String file = "content";
        Trials.run(300, random -> {
            // another part after the file
            assertThat(accepts(form(file, "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n--xYz--\r\n"),
                    -1, random)).isFalse();
            // a file shorter or longer than the length that was authorized
            assertThat(accepts(form(file, "--\r\n"), file.length() + 1, random)).isFalse();
            assertThat(accepts(form(file, "--\r\n"), file.length() - 1, random)).isFalse();
            // bytes after the closing delimiter, a missing one, a body that stops in the headers
            assertThat(accepts(form(file, "--\r\nmore"), -1, random)).isFalse();
            assertThat(accepts(HEAD + file, -1, random)).isFalse();
            assertThat(accepts(HEAD.substring(0, 10), -1, random)).isFalse();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"--", "--\r", "-"})
    void aDeclaredLengthNeedsTheWholeClosingLine(String end) {
        assertThat(accepts(form("f", end), 1, null)).isFalse();
    }

    @Test
    void refusesAnOverlongFileBeforeItsEnd() {
        FormTail tail = new FormTail(B, HEAD.length(), 4);
        byte[] head = HEAD.getBytes(StandardCharsets.US_ASCII);
        assertThat(tail.accept(Unpooled.wrappedBuffer(head), false)).isTrue();
        assertThat(tail.accept(Unpooled.wrappedBuffer(new byte[100]), false)).isFalse();
    }
}
