package io.camgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class CosErrorResponseTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.ofHours(8));

    @Test
    void bodyIsWellFormedXmlWithEscapedTextAndTheCosHeaders() throws Exception {
        FullHttpResponse r = CosErrorResponse.build(ByteBufAllocator.DEFAULT, HttpResponseStatus.FORBIDDEN,
                "SignatureDoesNotMatch", "The Signature you specified is invalid.", "b-1/<a>&\"'\u0001.txt", "id-1",
                false, Map.of("StringToSign", "sha1\n1;2\nabc\n"), NOW);
        try {
            byte[] body = new byte[r.content().readableBytes()];
            r.content().getBytes(0, body);
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body));
            assertThat(xml.getDocumentElement().getTagName()).isEqualTo("Error");
            assertThat(text(xml, "Code")).isEqualTo("SignatureDoesNotMatch");
            assertThat(text(xml, "Resource")).isEqualTo("b-1/<a>&\"'.txt");
            assertThat(text(xml, "StringToSign")).isEqualTo("sha1\n1;2\nabc\n");
            assertThat(text(xml, "RequestId")).isEqualTo("id-1");
            assertThat(r.headers().get("x-cos-request-id")).isEqualTo("id-1");
            assertThat(r.headers().get("Date")).isEqualTo("Mon, 23 Nov 2026 02:00:00 GMT");
            assertThat(r.headers().getInt("Content-Length")).isEqualTo(body.length);
            assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("\u0001");
        } finally {
            r.release();
        }
    }

    @Test
    void theDateIsImfFixdateWithATwoDigitDayInGmt() {
        // issue 16: RFC_1123_DATE_TIME wrote "Sun, 6 Dec 2026"; on the local 7th in +08:00 it is still the 6th in GMT
        ZonedDateTime early = ZonedDateTime.of(2026, 12, 7, 2, 0, 0, 0, ZoneOffset.ofHours(8));
        FullHttpResponse r = CosErrorResponse.build(ByteBufAllocator.DEFAULT, HttpResponseStatus.FORBIDDEN,
                "AccessDenied", "Access Denied.", "b-1/a", "id-3", true, Map.of(), early);
        assertThat(r.headers().get("Date")).isEqualTo("Sun, 06 Dec 2026 18:00:00 GMT");
        r.release();
    }

    @Test
    void headGetsHeadersWithoutBody() {
        FullHttpResponse r = CosErrorResponse.build(ByteBufAllocator.DEFAULT, HttpResponseStatus.FORBIDDEN,
                "AccessDenied", "Access Denied.", "b-1/a", "id-2", true, Map.of(), NOW);
        assertThat(r.content().readableBytes()).isZero();
        assertThat(r.headers().get("x-cos-request-id")).isEqualTo("id-2");
        r.release();
    }

    @Test
    void requestIdsAreDistinct() {
        RequestIds ids = new RequestIds();
        String a = ids.next();
        String b = ids.next();
        assertThat(a).hasSize(28).isNotEqualTo(b);
        assertThat(a.substring(0, 12)).isEqualTo(b.substring(0, 12));
    }

    private static String text(Document xml, String tag) {
        return xml.getElementsByTagName(tag).item(0).getTextContent();
    }
}
