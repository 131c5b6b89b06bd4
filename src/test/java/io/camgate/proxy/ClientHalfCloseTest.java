package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BOB_ID;
import static io.camgate.proxy.ExampleGateway.BOB_KEY;
import static io.camgate.proxy.ExampleGateway.HOST;
import static io.camgate.proxy.RawRequests.signed;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.RouteSettings.UpstreamAuth;
import io.camgate.testing.RawHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that ends its side of the connection (half-close) once it has sent its requests
 * still gets every answer, and then the connection closes; one that ends it in the middle of
 * a body gets 400 IncompleteBody and the store keeps nothing.
 */
class ClientHalfCloseTest extends RouteModeSuite {
    private static RawHttp connect() throws Exception {
        return new RawHttp(modes.port(UpstreamAuth.NONE));
    }

    private static String bobPut(String key) {
        return signed("PUT", HOST, "/" + key, "/" + key, Map.of(), BOB_ID, BOB_KEY, -60, 600)
                .replace("Connection: close\r\n", "");
    }

    @Test
    void aReadSentWholeIsAnsweredAfterTheClientEndsItsSide() throws Exception {
        try (RawHttp http = connect()) {
            http.send("GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");
            http.socket().shutdownOutput();
            RawHttp.Reply reply = http.read();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("public a");
            assertThat(http.read()).isNull();
        }
    }

    @Test
    void pipelinedRequestsAreAllAnsweredThenTheConnectionCloses() throws Exception {
        String get = "GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n";
        try (RawHttp http = connect()) {
            http.send(get + get + bobPut("public/half.txt") + "Content-Length: 4\r\n\r\nhalf");
            http.socket().shutdownOutput();
            assertThat(http.read().body()).isEqualTo("public a");
            assertThat(http.read().body()).isEqualTo("public a");
            assertThat(http.read().status()).isEqualTo(200);
            assertThat(http.read()).isNull();
        }
        assertThat(modes.stored("public/half.txt")).isEqualTo("half");
    }

    @Test
    void aBodyCutShortByTheClientsEndIsIncompleteAndNothingIsStored() throws Exception {
        try (RawHttp http = connect()) {
            http.send(bobPut("public/cut.txt") + "Content-Length: 10\r\n\r\nhello");
            http.socket().shutdownOutput();
            RawHttp.Reply reply = http.read();
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("IncompleteBody");
            assertThat(http.read()).isNull();
        }
        assertThat(modes.stored("public/cut.txt")).isNull();
    }
}
