package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BOB_ID;
import static io.camgate.proxy.ExampleGateway.BOB_KEY;
import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.HOST;
import static io.camgate.proxy.RawRequests.signed;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.RouteSettings.UpstreamAuth;
import io.camgate.testing.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first bypass class of docs/SECURITY.md: a {@code Connection} header naming a framing or
 * end-to-end header. A gateway that honours it drops, say, Content-Length from the upstream
 * request but still relays the body, and the store reads the body as a second request nobody
 * authorized. Every variant (case, whitespace, a second Connection header, HTTP/1.0, a POST
 * form, anonymous and signed callers) is refused with 400 and the connection closed, in every
 * route mode, before a byte reaches the store; and the smuggled writes and deletes never happen.
 */
class SmuggledConnectionOptionsTest extends RouteModeSuite {
    /** Requests for the store that ride in the body: a write, a delete and a read under secret/. */
    private static final String SMUGGLED = "PUT /" + BUCKET + "/secret/y HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Length: 6\r\n\r\nowned!"
            + "DELETE /" + BUCKET + "/secret/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            + "GET /" + BUCKET + "/secret/x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Any: 1\r\n\r\n";

    /** Connection headers, as lines, that name something other than a connection option. */
    private static final List<String> OPTIONS = List.of(
            "Connection: Content-Length",
            "connection: content-length",
            "CONNECTION: CONTENT-LENGTH",
            "Connection:   Content-Length   ",
            "Connection: keep-alive, Content-Length",
            "Connection: Content-Length,close",
            "Connection: close\r\nConnection: Content-Length",
            "Connection: Content-Length\r\nConnection: keep-alive",
            "Connection: Host",
            "Connection: Authorization",
            "Connection: Expect",
            "Connection: Upgrade",
            "Connection: x-cos-acl",
            "Connection: X-Amz-Date",
            "Connection: x-cos-security-token");

    /** The request heads the options go into, up to the framing; each is allowed without the option. */
    private static List<String> heads() {
        String bob = signed("PUT", HOST, "/public/s.txt", "/public/s.txt", Map.of(), BOB_ID, BOB_KEY, -60, 600)
                .replace("Connection: close\r\n", "");
        return List.of(
                "GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\n",
                "GET /public/a.txt HTTP/1.0\r\nHost: " + HOST + "\r\n",
                "POST / HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Type: multipart/form-data; boundary=b\r\n",
                bob);
    }

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (UpstreamAuth mode : UpstreamAuth.values()) {
            for (String head : heads()) {
                for (String option : OPTIONS) {
                    out.add(Arguments.of(mode, head, option + "\r\nContent-Length: " + SMUGGLED.length()
                            + "\r\n\r\n" + SMUGGLED));
                    if (head.contains("HTTP/1.0")) {
                        continue; // HTTP/1.0 with Transfer-Encoding is refused for that alone (HostileWireTest)
                    }
                    out.add(Arguments.of(mode, head, option.replace("Content-Length", "Transfer-Encoding")
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(SMUGGLED.length())
                            + "\r\n" + SMUGGLED + "\r\n0\r\n\r\n"));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("variants")
    void aConnectionHeaderNamingAnythingButAnOptionIsRefusedBeforeTheStore(UpstreamAuth mode, String head,
            String rest) throws Exception {
        try (RawHttp http = new RawHttp(modes.port(mode))) {
            RawHttp.Reply reply = http.send(head + rest).read();
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("InvalidRequest");
            assertThat(reply.body()).contains("Connection header names");
            assertThat(http.read()).as("no second response").isNull();
            assertThat(http.closedByPeer()).isTrue();
        }
        assertThat(modes.relay().requests()).isEmpty();
    }

    @Test
    void theSmuggledWritesAndDeletesNeverHappened() throws Exception {
        for (UpstreamAuth mode : UpstreamAuth.values()) {
            for (String head : heads()) {
                RawHttp.exchange(modes.port(mode), head + "Connection: Content-Length\r\nContent-Length: "
                        + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED);
            }
        }
        assertThat(modes.stored("secret/x")).isEqualTo("SECRET-X");
        assertThat(modes.stored("secret/y")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void connectionOptionsPassAndTheUpstreamGetsTheGatewaysOwnFraming(UpstreamAuth mode) throws Exception {
        for (String option : List.of("Connection: keep-alive", "Connection: close", "Connection: Keep-Alive, TE",
                "connection: CLOSE")) {
            modes.relay().clear();
            String put = signed("PUT", HOST, "/public/ok.txt", "/public/ok.txt", Map.of(), BOB_ID, BOB_KEY, -60, 600)
                    .replace("Connection: close\r\n", "") + option + "\r\nContent-Length: 5\r\n\r\nhello";
            try (RawHttp http = new RawHttp(modes.port(mode))) {
                http.send(put).read();
            }
            List<io.camgate.testing.RecordingUpstream.Seen> seen = modes.relay().awaitRequests(1);
            assertThat(seen).as(option).hasSize(1);
            assertThat(seen.get(0).header("content-length")).containsExactly("5");
            assertThat(seen.get(0).header("connection")).isEmpty();
            assertThat(seen.get(0).header("te")).isEmpty();
        }
    }

    static Stream<UpstreamAuth> modes() {
        return Stream.of(UpstreamAuth.values());
    }
}
