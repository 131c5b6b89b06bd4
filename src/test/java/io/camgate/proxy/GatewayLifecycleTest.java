package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BOB_ID;
import static io.camgate.proxy.ExampleGateway.BOB_KEY;
import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.HOST;
import static io.camgate.proxy.ExampleGateway.ROOT_ID;
import static io.camgate.proxy.ExampleGateway.ROOT_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qcloud.cos.COSClient;
import com.qcloud.cos.http.HttpMethodName;
import io.camgate.testing.S3ProxyServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway when its upstream fails or is slow, and when it is told to stop. */
class GatewayLifecycleTest {
    @TempDir
    Path dir;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> anonymousGet(int port, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + key))
                .header("Host", HOST).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUpstreamThatIsDownIsABadGatewayAndTheNextRequestAfterItReturnsSucceeds() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.start(dir);
        int port = s3.port();
        try (ExampleGateway gw = ExampleGateway.start(s3)) {
            COSClient root = gw.client(ROOT_ID, ROOT_KEY);
            root.createBucket(BUCKET);
            root.putObject(BUCKET, "public/up.txt", "still here");
            root.shutdown();
            assertThat(anonymousGet(gw.port(), "public/up.txt").body()).isEqualTo("still here");

            s3.close();
            HttpResponse<String> down = anonymousGet(gw.port(), "public/up.txt");
            assertThat(down.statusCode()).isEqualTo(502);
            assertThat(down.body()).contains("<Code>InternalError</Code>");
            assertThat(down.headers().firstValue("x-cos-request-id")).isPresent();

            s3 = S3ProxyServer.start(dir, port);
            HttpResponse<String> back = anonymousGet(gw.port(), "public/up.txt");
            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(back.body()).isEqualTo("still here");
        } finally {
            s3.close();
        }
    }

    @Test
    void anUpstreamThatNeverAnswersIsAGatewayTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            var base = ExampleGateway.settings(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    ExampleGateway.plainListener());
            var route = base.routes().get(0);
            var slow = new io.camgate.config.RouteSettings(route.name(), route.buckets(), route.hosts(),
                    route.upstream(), route.addressing(), route.auth(), route.accessKey(), route.secretKey(),
                    route.region(), true, 4, Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(10), route.foldsKeys());
            var settings = new io.camgate.config.GatewaySettings(base.listen(), base.signature(),
                    java.util.List.of(slow));
            try (Gateway gw = Gateway.start(ExampleGateway.exampleSnapshot(), settings, RequestObserver.NONE,
                    Clock.systemUTC())) {
                HttpResponse<String> r = anonymousGet(gw.port(), "public/slow.txt");
                assertThat(r.statusCode()).isEqualTo(504);
                assertThat(r.body()).contains("did not answer in time");
                assertThat(anonymousGet(gw.port(), "hello.txt").statusCode()).isEqualTo(403);
            } finally {
                accepted.get(10, TimeUnit.SECONDS).close();
            }
        }
    }

    @Test
    void aClientThatTricklesItsHeadersIsDisconnected() throws Exception {
        var listen = new io.camgate.config.ListenSettings("127.0.0.1", 0, null, null, Duration.ofMillis(300),
                Duration.ofSeconds(60), Duration.ofSeconds(1));
        try (Gateway gw = Gateway.start(ExampleGateway.exampleSnapshot(),
                ExampleGateway.settings(URI.create("http://127.0.0.1:9"), listen), RequestObserver.NONE, Clock.systemUTC());
                Socket slow = new Socket(InetAddress.getLoopbackAddress(), gw.port())) {
            slow.setSoTimeout(30_000);
            slow.getOutputStream().write(("GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\nX-Slow: ")
                    .getBytes(StandardCharsets.ISO_8859_1));
            slow.getOutputStream().flush();
            // The head never completes: the gateway closes the connection without answering.
            assertThat(slow.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void stoppingRefusesNewConnectionsAndLetsTheUploadInFlightFinish() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(dir)) {
            ExampleGateway gw = ExampleGateway.start(s3);
            COSClient root = gw.client(ROOT_ID, ROOT_KEY);
            root.createBucket(BUCKET);
            root.shutdown();
            URL put = ExampleGateway.client(gw.port(), BOB_ID, BOB_KEY).generatePresignedUrl(BUCKET,
                    "drain/upload.txt", new Date(System.currentTimeMillis() + 600_000), HttpMethodName.PUT);
            byte[] body = "finished after the stop signal".getBytes(StandardCharsets.UTF_8);
            try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), gw.port());
                    Socket busy = new Socket(InetAddress.getLoopbackAddress(), gw.port())) {
                // A finished exchange on the idle connection, so the gateway surely holds it.
                idle.getOutputStream().write(("GET /hello.txt HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                BufferedReader idleIn = new BufferedReader(new InputStreamReader(idle.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                assertThat(idleIn.readLine()).isEqualTo("HTTP/1.1 403 Forbidden");
                int contentLength = 0;
                String h;
                while (!(h = idleIn.readLine()).isEmpty()) {
                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        contentLength = Integer.parseInt(h.substring(15).strip());
                    }
                }
                assertThat(idleIn.skip(contentLength)).isEqualTo(contentLength);

                // 100 Continue comes only once the upload is allowed and its upstream connection is ready.
                OutputStream out = busy.getOutputStream();
                out.write(("PUT " + put.getFile() + " HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: "
                        + body.length + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(busy.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
                assertThat(in.readLine()).isEmpty();
                out.write(body, 0, 10);
                out.flush();
                gw.gateway.stopAccepting();
                assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), gw.port()).close())
                        .isInstanceOf(ConnectException.class);
                assertThat(gw.gateway.accepting()).isFalse();
                assertThat(idleIn.read()).isEqualTo(-1);

                CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(
                        () -> gw.gateway.awaitDrained(Duration.ofSeconds(30)));
                out.write(body, 10, body.length - 10);
                out.flush();
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                StringBuilder headers = new StringBuilder();
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    headers.append(line.toLowerCase(java.util.Locale.ROOT)).append('\n');
                }
                assertThat(headers).contains("connection: close");
                assertThat(drained.get(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
