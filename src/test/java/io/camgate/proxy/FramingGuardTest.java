package io.camgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The first two pipeline stages, fed raw bytes. */
class FramingGuardTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new StrictRequestDecoder(8192, 16384), new FramingGuard(new RequestIds(), CLOCK, RequestObserver.NONE));
    }

    private static ByteBuf bytes(String raw) {
        return Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1);
    }

    /** Feeds raw bytes and returns what passed the guard, releasing it. */
    private static List<Object> passed(EmbeddedChannel ch, String raw) {
        ch.writeInbound(bytes(raw));
        List<Object> out = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) {
            out.add(m instanceof HttpRequest ? "request " + ((HttpRequest) m).uri()
                    : m instanceof LastHttpContent ? "last " + ((HttpContent) m).content().readableBytes()
                    : "content " + ((HttpContent) m).content().readableBytes());
            ReferenceCountUtil.release(m);
        }
        return out;
    }

    @Test
    void wellFramedRequestsPassIncludingPipelined() {
        EmbeddedChannel ch = channel();
        assertThat(passed(ch, "PUT /a HTTP/1.1\r\nHost: b-1.cos.ap-shanghai.myqcloud.com\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /b HTTP/1.1\r\nHost: b-1.cos.ap-shanghai.myqcloud.com\r\n\r\n"))
                .containsExactly("request /a", "last 3", "request /b", "last 0");
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.isOpen()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "CL.TE|POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "TE.CL|POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 40\r\n\r\n0\r\n\r\n",
        "duplicate CL|POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabc",
        "bad CL|POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3x\r\n\r\nabc",
        "obfuscated TE|POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
        "bare LF|GET /a HTTP/1.1\nHost: h\n\n",
        "repeated Host|GET /a HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "missing Host|GET /a HTTP/1.1\r\n\r\n",
        "repeated Authorization|GET /a HTTP/1.1\r\nHost: h\r\nAuthorization: x\r\nAuthorization: y\r\n\r\n",
        "bad chunk size|POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
    })
    void untrustworthyFramingIsRejectedAndTheConnectionClosed(String namedCase) {
        String raw = namedCase.substring(namedCase.indexOf('|') + 1);
        EmbeddedChannel ch = channel();
        List<Object> through = passed(ch, raw);
        assertThat(through).noneMatch(o -> o.toString().startsWith("last") && !o.equals("last 0"));
        FullHttpResponse response = ch.readOutbound();
        assertThat(response).as("a 400 for " + namedCase).isNotNull();
        try {
            assertThat(response.status().code()).isEqualTo(400);
            assertThat(response.headers().get("x-cos-request-id")).isNotBlank();
            assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("<Code>InvalidRequest</Code>");
        } finally {
            response.release();
        }
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void oversizeHeadersAreRejected() {
        EmbeddedChannel ch = channel();
        passed(ch, "GET /a HTTP/1.1\r\nHost: h\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        FullHttpResponse response = ch.readOutbound();
        assertThat(response.status().code()).isEqualTo(400);
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("too large");
        response.release();
        assertThat(ch.isOpen()).isFalse();
    }
}
