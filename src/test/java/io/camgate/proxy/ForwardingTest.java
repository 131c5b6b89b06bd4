package io.camgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.proxy.upstream.UpstreamRoute;
import io.camgate.proxy.upstream.Verdict;
import io.camgate.sign.SigV4Signer;
import io.camgate.testing.S3ProxyServer;
import io.camgate.testing.Trials;
import io.camgate.proxy.splice.SplicedBody;
import io.camgate.proxy.splice.SpliceBatching;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport through real sockets: client → gateway → s3proxy. A small gatekeeper stands
 * in for classification and authorization here (paths under {@code /denied} are denied) so
 * that streaming, back-pressure, 100-continue and lingering close are tested on their own.
 */
class ForwardingTest {
    @TempDir
    static Path dir;

    private static S3ProxyServer s3;
    private static GatewayServer gateway;
    private static UpstreamRoute route;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(dir);
        route = new UpstreamRoute("s3proxy", s3.uri(), 8, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(60));
        SigV4Signer signer = new SigV4Signer(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL, "us-east-1", "s3");
        gateway = GatewayServer.start(new InetSocketAddress("127.0.0.1", 0), 2,
                (head, peer, tls, exchange) -> admit(head, signer, route), RequestObserver.NONE, ProxyLimits.defaults(), Clock.systemUTC(), null);
        assertThat(put("/fwd-bucket", new byte[0]).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        s3.close();
    }

    private static Verdict admit(HttpRequest head, SigV4Signer signer, UpstreamRoute to) {
        QueryStringDecoder q = new QueryStringDecoder(head.uri());
        if (q.path().startsWith("/denied")) {
            return new Verdict.Deny(HttpResponseStatus.FORBIDDEN, "AccessDenied", "Access Denied.", q.path());
        }
        HttpRequest up = new DefaultHttpRequest(HttpVersion.HTTP_1_1, head.method(), head.uri());
        for (String h : List.of("content-length", "transfer-encoding", "content-type")) {
            if (head.headers().contains(h)) {
                up.headers().set(h, head.headers().get(h));
            }
        }
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("host", to.hostHeader());
        up.headers().set(HttpHeaderNames.HOST, to.hostHeader());
        List<Map.Entry<String, String>> params = q.parameters().entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> Map.entry(e.getKey(), v))).toList();
        signer.sign(head.method().name(), q.path(), params, signed, Instant.now()).forEach(up.headers()::set);
        return new Verdict.Allow(to, up);
    }

    private static URI gw(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    private static HttpResponse<String> put(String path, byte[] body) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(gw(path))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** PUTs {@code size} {@link #generated} bytes to {@code path} through the gateway; the status. */
    private static int putGenerated(String path, long size) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(gw(path))
                .PUT(java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                        java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> generated(size)), size))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** A deterministic stream of {@code size} bytes, generated as read, never held whole. */
    private static InputStream generated(long size) {
        return new InputStream() {
            private long pos;

            @Override
            public int read() {
                return pos < size ? (int) ((pos++ * 31 + (pos >> 13)) & 0xFF) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - pos);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) read();
                }
                return n;
            }
        };
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void largeObjectRoundTripsByteForByte() throws Exception {
        long size = 64L * 1024 * 1024 + 17;
        assertThat(putGenerated("/fwd-bucket/big/object.bin", size)).isEqualTo(200);
        HttpResponse<InputStream> get = HTTP.send(java.net.http.HttpRequest.newBuilder(
                gw("/fwd-bucket/big/object.bin")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValueAsLong("content-length")).hasValue(size);
        assertThat(get.headers().firstValue("x-cos-request-id")).isPresent();
        assertThat(sha256(get.body())).isEqualTo(sha256(generated(size)));
    }

    @Test
    void expectContinueIsAnsweredOnlyForAllowedUploads() throws Exception {
        byte[] body = "continue me".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> ok = HTTP.send(java.net.http.HttpRequest.newBuilder(gw("/fwd-bucket/expect.txt"))
                .expectContinue(true).PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        // JDK 17's HttpClient waits forever when Expect: 100-continue gets a final answer, so a raw socket
        // checks the denied case: a 403 straight away, no 100 Continue before it, and the connection closing.
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.getOutputStream().write(("PUT /denied/expect.txt HTTP/1.1\r\nHost: gw\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 11\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 403 Forbidden");
            socket.shutdownOutput();
            StringBuilder rest = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                rest.append(line).append('\n');
            }
            assertThat(rest).contains("connection: close").contains("<Code>AccessDenied</Code>")
                    .doesNotContain("100 Continue");
        }
    }

    @Test
    void deniedUploadThatDidNotWaitSeesTheErrorNotAReset() throws Exception {
        long size = 32L * 1024 * 1024;
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /denied/huge.bin HTTP/1.1\r\nHost: gw\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
                byte[] chunk = new byte[1 << 16];
                long n = 0;
                try {
                    while (n < size) {
                        out.write(chunk);
                        n += chunk.length;
                    }
                    out.flush();
                } catch (IOException e) {
                    return n;
                }
                return n;
            });
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 403 Forbidden");
            StringBuilder rest = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                rest.append(line).append('\n');
            }
            assertThat(rest).contains("connection: close").contains("<Code>AccessDenied</Code>");
            assertThat(sent.get(60, TimeUnit.SECONDS)).isEqualTo(size);
        }
    }

    @Test
    void keepAliveCarriesSeveralExchangesAndPipelinedRequests() throws Exception {
        assertThat(put("/fwd-bucket/k1.txt", "one".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.getOutputStream().write(("GET /fwd-bucket/k1.txt HTTP/1.1\r\nHost: gw\r\n\r\n"
                    + "GET /denied/x HTTP/1.1\r\nHost: gw\r\n\r\n"
                    + "GET /fwd-bucket/k1.txt HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(all.split("HTTP/1.1 ", -1)).hasSize(4);
            assertThat(all).containsSubsequence("HTTP/1.1 200", "one", "HTTP/1.1 403", "AccessDenied",
                    "HTTP/1.1 200", "one");
        }
    }

    /** One response read off a raw connection: its status line and body (framed by Content-Length). */
    private record RawResponse(String statusLine, byte[] body) {
    }

    /** A message head read off a raw connection, up to and including its empty line; no byte further. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static RawResponse readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        long length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return new RawResponse(head.substring(0, head.indexOf("\r\n")), in.readNBytes((int) length));
    }

    @Test
    void keepAliveContinuesAfterABodyLongEnoughToBeSpliced() throws Exception {
        long size = 3 * SplicedBody.MIN_BYTES + 5;
        assertThat(putGenerated("/fwd-bucket/spliced.bin", size)).isEqualTo(200);
        assertThat(put("/fwd-bucket/after.txt", "after".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET /fwd-bucket/spliced.bin HTTP/1.1\r\nHost: gw\r\n\r\n"
                    + "GET /fwd-bucket/spliced.bin HTTP/1.1\r\nHost: gw\r\n\r\n"
                    + "GET /fwd-bucket/after.txt HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            String expected = sha256(generated(size));
            for (int i = 0; i < 2; i++) {
                RawResponse big = readResponse(in);
                assertThat(big.statusLine()).isEqualTo("HTTP/1.1 200 OK");
                assertThat(big.body()).hasSize((int) size);
                assertThat(sha256(new java.io.ByteArrayInputStream(big.body()))).isEqualTo(expected);
            }
            RawResponse small = readResponse(in);
            assertThat(small.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(new String(small.body(), StandardCharsets.UTF_8)).isEqualTo("after");
            assertThat(in.read()).as("nothing after the last response").isEqualTo(-1);
        }
    }

    @Test
    void aSplicedDownloadLongerThanTheUpstreamIdleTimeoutArrivesWhole() throws Exception {
        // Spliced bytes pass no message through the upstream pipeline, so its idle timer must not
        // run during the splice; with a 1 ms idle timeout any download of 32 MiB outlasts it.
        long size = 32 * SplicedBody.MIN_BYTES + 3;
        assertThat(putGenerated("/fwd-bucket/long.bin", size)).isEqualTo(200);
        UpstreamRoute quicklyIdle = new UpstreamRoute("quickly-idle", s3.uri(), 2, Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMillis(1));
        SigV4Signer signer = new SigV4Signer(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL, "us-east-1", "s3");
        try (GatewayServer g = GatewayServer.start(new InetSocketAddress("127.0.0.1", 0), 1,
                (head, peer, tls, exchange) -> admit(head, signer, quicklyIdle), RequestObserver.NONE,
                ProxyLimits.defaults(), Clock.systemUTC(), null);
                Socket socket = new Socket("127.0.0.1", g.port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write("GET /fwd-bucket/long.bin HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] all = socket.getInputStream().readAllBytes();
            assertThat(bodyLength(all)).isEqualTo(size);
        }
    }

    @Test
    void aRequestPipelinedRightAfterALongUploadIsServedNext() throws Exception {
        long size = 2 * SplicedBody.MIN_BYTES + 11;
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            out.write(("PUT /fwd-bucket/uploaded.bin HTTP/1.1\r\nHost: gw\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            generated(size).transferTo(out);
            out.write(("GET /fwd-bucket/uploaded.bin HTTP/1.1\r\nHost: gw\r\n\r\n"
                    + "PUT /fwd-bucket/small.txt HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\n\r\nsmall"
                    + "GET /fwd-bucket/small.txt HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            assertThat(readResponse(in).statusLine()).isEqualTo("HTTP/1.1 200 OK");
            RawResponse got = readResponse(in);
            assertThat(got.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(got.body()).hasSize((int) size);
            assertThat(sha256(new java.io.ByteArrayInputStream(got.body()))).isEqualTo(sha256(generated(size)));
            assertThat(readResponse(in).statusLine()).isEqualTo("HTTP/1.1 200 OK");
            RawResponse small = readResponse(in);
            assertThat(new String(small.body(), StandardCharsets.UTF_8)).isEqualTo("small");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    /**
     * What a client receives through the gateway from a one-shot upstream that answers with
     * {@code head} followed by {@code sent} generated bytes and then closes, until the gateway
     * closes the client connection; a {@code lateClient} starts reading only once the upstream has
     * sent everything and closed.
     */
    private static byte[] throughOneShotUpstream(String head, long sent) throws Exception {
        return throughOneShotUpstream(head, sent, false);
    }

    private static byte[] throughOneShotUpstream(String head, long sent, boolean lateClient) throws Exception {
        try (java.net.ServerSocket upstream = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket s = upstream.accept()) {
                    BufferedReader request = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    while (!request.readLine().isEmpty()) {
                        // the request head is read and ignored
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    out.write(generated(sent).readAllBytes());
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (GatewayServer g = gatewayTo(upstream.getLocalPort());
                    Socket client = new Socket("127.0.0.1", g.port())) {
                client.setSoTimeout(60_000);
                client.getOutputStream().write("GET /b/k HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                if (lateClient) {
                    served.get(30, TimeUnit.SECONDS);
                }
                byte[] all = client.getInputStream().readAllBytes();
                served.get(30, TimeUnit.SECONDS);
                return all;
            }
        }
    }

    /** A gateway that forwards every request, with its Content-Length, to a plain server on {@code port}. */
    private static GatewayServer gatewayTo(int port) throws IOException, InterruptedException {
        UpstreamRoute plain = new UpstreamRoute("plain", URI.create("http://127.0.0.1:" + port), 1,
                Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30));
        return GatewayServer.start(new InetSocketAddress("127.0.0.1", 0), 1, (request, peer, tls, exchange) -> {
            HttpRequest up = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.uri());
            if (request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                up.headers().set(HttpHeaderNames.CONTENT_LENGTH, request.headers().get(HttpHeaderNames.CONTENT_LENGTH));
            }
            return new Verdict.Allow(plain, up);
        }, RequestObserver.NONE, ProxyLimits.defaults(), Clock.systemUTC(), null);
    }

    private static long bodyLength(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("HTTP/1.1 200 OK");
        return response.length - (text.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void anUpstreamThatStopsInsideALongBodyClosesTheClientConnection() throws Exception {
        long announced = 8 * SplicedBody.MIN_BYTES;
        long sent = 2 * SplicedBody.MIN_BYTES + 123;
        byte[] got = throughOneShotUpstream("HTTP/1.1 200 OK\r\nContent-Length: " + announced + "\r\n\r\n", sent);
        assertThat(bodyLength(got)).as("cut short, then closed (not hanging)").isLessThanOrEqualTo(sent);
    }

    @Test
    void aLongBodyFromAnUpstreamThatClosesAfterItArrivesWhole() throws Exception {
        long size = 4 * SplicedBody.MIN_BYTES + 7;
        byte[] got = throughOneShotUpstream("HTTP/1.1 200 OK\r\nContent-Length: " + size
                + "\r\nConnection: close\r\n\r\n", size);
        assertThat(bodyLength(got)).isEqualTo(size);
        byte[] body = java.util.Arrays.copyOfRange(got, (int) (got.length - size), got.length);
        assertThat(sha256(new java.io.ByteArrayInputStream(body))).isEqualTo(sha256(generated(size)));
    }

    @Test
    void aSplicedBodyWhoseUpstreamClosesBeforeTheClientTookItArrivesWhole() throws Exception {
        // Kept alive as far as the head says, so spliced; the store then closes its idle connection
        // while the whole body still waits in the gateway's socket for a client that reads late.
        long size = 2 * SplicedBody.MIN_BYTES + 7;
        byte[] got = throughOneShotUpstream("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n", size, true);
        assertThat(bodyLength(got)).isEqualTo(size);
        byte[] body = java.util.Arrays.copyOfRange(got, (int) (got.length - size), got.length);
        assertThat(sha256(new java.io.ByteArrayInputStream(body))).isEqualTo(sha256(generated(size)));
    }

    @Test
    void timeTheUpstreamHoldsTheBodyBackIsNotTheClientsIdleness() throws Exception {
        // Chunked, so never spliced: the gateway reads it, and stops reading while the upstream is full.
        int chunks = 512;
        byte[] chunk = ("10000\r\n" + "\0".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Duration bodyTimeout = Duration.ofSeconds(1);
        ProxyLimits d = ProxyLimits.defaults();
        ProxyLimits limits = new ProxyLimits(d.maxInitialLineLength(), d.maxHeaderSize(), d.headerReadTimeout(),
                bodyTimeout, d.lingerBytes(), d.lingerTimeout());
        try (java.net.ServerSocket upstream = new java.net.ServerSocket()) {
            upstream.setReceiveBufferSize(4096);
            upstream.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            CompletableFuture<Long> served = CompletableFuture.supplyAsync(() -> {
                try (Socket s = upstream.accept()) {
                    // Pacing a slow store, not synchronisation: it takes nothing for three body timeouts.
                    Thread.sleep(3 * bodyTimeout.toMillis());
                    InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 1 << 16);
                    long read = 0;
                    long tail = 0;
                    // Up to the empty last chunk: the data is NUL bytes, so only that chunk is "0\r\n\r\n".
                    for (int b; tail != 0x300d0a0d0aL && (b = in.read()) >= 0; read++) {
                        tail = (tail << 8 | b) & 0xffffffffffL;
                    }
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    return read;
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            UpstreamRoute slow = new UpstreamRoute("slow", URI.create("http://127.0.0.1:" + upstream.getLocalPort()),
                    1, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30));
            try (GatewayServer g = GatewayServer.start(new InetSocketAddress("127.0.0.1", 0), 1,
                    (request, peer, tls, exchange) -> {
                        HttpRequest up = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.uri());
                        up.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
                        return new Verdict.Allow(slow, up);
                    }, RequestObserver.NONE, limits, Clock.systemUTC(), null);
                    Socket client = new Socket("127.0.0.1", g.port())) {
                client.setSoTimeout(60_000);
                OutputStream out = client.getOutputStream();
                out.write("PUT /b/k HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 0; i < chunks; i++) {
                            out.write(chunk);
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                RawResponse response = readResponse(new java.io.BufferedInputStream(client.getInputStream()));
                assertThat(response.statusLine()).as(new String(response.body(), StandardCharsets.UTF_8))
                        .isEqualTo("HTTP/1.1 200 OK");
                writer.get(30, TimeUnit.SECONDS);
                assertThat(served.get(30, TimeUnit.SECONDS)).as("the whole body reached the upstream")
                        .isGreaterThan((long) chunks * 0x10000);
            }
        }
    }

    @Test
    void splicedBodiesEndingAroundASliceOrBatchBoundaryArriveWhole() {
        // A spliced body moves in slices, and its bytes are batched while a batch more follows the
        // slice; lengths around those boundaries, up and down through s3proxy.
        long slice = SplicedBody.SLICE_BYTES;
        long batch = SpliceBatching.BYTES;
        Trials.run(4, random -> {
            long size = Trials.pick(random, slice, slice + batch, 2 * slice, 2 * slice + batch) + random.nextInt(7) - 3;
            assertThat(putGenerated("/fwd-bucket/boundary.bin", size)).isEqualTo(200);
            HttpResponse<InputStream> get = HTTP.send(java.net.http.HttpRequest.newBuilder(
                    gw("/fwd-bucket/boundary.bin")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(sha256(get.body())).as("%d bytes", size).isEqualTo(sha256(generated(size)));
        });
    }

    @Test
    void aSlowUpstreamsBytesReachTheClientWithoutAWholeBatch() throws Exception {
        long size = 4L * SplicedBody.SLICE_BYTES;
        int first = (int) SplicedBody.MIN_BYTES;
        CountDownLatch clientHasFirst = new CountDownLatch(1);
        CountDownLatch clientHasAll = new CountDownLatch(1);
        try (java.net.ServerSocket upstream = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket s = upstream.accept()) {
                    readHead(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    InputStream body = generated(size);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body.readNBytes(first));
                    out.flush();
                    // Less than a batch, and no more until the client has it.
                    if (!clientHasFirst.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the client never received the first bytes");
                    }
                    body.transferTo(out);
                    // A keep-alive upstream: its connection stays open after the body, as splicing expects.
                    clientHasAll.await(60, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (GatewayServer g = gatewayTo(upstream.getLocalPort());
                    Socket client = new Socket("127.0.0.1", g.port())) {
                client.setSoTimeout(60_000);
                client.getOutputStream().write("GET /b/k HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = new java.io.BufferedInputStream(client.getInputStream());
                assertThat(readHead(in)).startsWith("HTTP/1.1 200 OK");
                byte[] got = in.readNBytes(first);
                clientHasFirst.countDown();
                String digest = sha256(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(got), in));
                clientHasAll.countDown();
                assertThat(digest).isEqualTo(sha256(generated(size)));
                served.get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aSlowClientsUploadIsNotHeldBackForABatch() throws Exception {
        long size = 4L * SplicedBody.SLICE_BYTES;
        int first = (int) SplicedBody.MIN_BYTES;
        CountDownLatch upstreamHasFirst = new CountDownLatch(1);
        try (java.net.ServerSocket upstream = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (Socket s = upstream.accept()) {
                    InputStream in = new java.io.BufferedInputStream(s.getInputStream());
                    readHead(in);
                    byte[] got = in.readNBytes(first);
                    upstreamHasFirst.countDown();
                    String digest = sha256(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(got),
                            new java.io.ByteArrayInputStream(in.readNBytes((int) (size - first)))));
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    return digest;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (GatewayServer g = gatewayTo(upstream.getLocalPort());
                    Socket client = new Socket("127.0.0.1", g.port())) {
                client.setSoTimeout(60_000);
                OutputStream out = client.getOutputStream();
                InputStream body = generated(size);
                // Writes may block while the gateway holds back: off the test thread, which waits with a bound.
                CompletableFuture<Void> firstSent = CompletableFuture.runAsync(() -> {
                    try {
                        out.write(("PUT /b/k HTTP/1.1\r\nHost: gw\r\nConnection: close\r\nContent-Length: " + size
                                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body.readNBytes(first));
                        out.flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                firstSent.get(60, TimeUnit.SECONDS);
                // Less than a batch, and no more until the upstream has it.
                assertThat(upstreamHasFirst.await(60, TimeUnit.SECONDS)).as("the upstream received the first bytes")
                        .isTrue();
                CompletableFuture<Void> restSent = CompletableFuture.runAsync(() -> {
                    try {
                        body.transferTo(out);
                        out.flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertThat(readResponse(new java.io.BufferedInputStream(client.getInputStream())).statusLine())
                        .isEqualTo("HTTP/1.1 200 OK");
                restSent.get(30, TimeUnit.SECONDS);
                assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo(sha256(generated(size)));
            }
        }
    }

    @Test
    void unreachableUpstreamIsABadGateway() throws Exception {
        UpstreamRoute dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            dead = new UpstreamRoute("dead", URI.create("http://127.0.0.1:" + s.getLocalPort()), 2,
                    Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
        }
        UpstreamRoute target = dead;
        try (GatewayServer g = GatewayServer.start(new InetSocketAddress("127.0.0.1", 0), 1,
                (head, peer, tls, exchange) -> new Verdict.Allow(target, new DefaultHttpRequest(HttpVersion.HTTP_1_1,
                        head.method(), head.uri())),
                RequestObserver.NONE, ProxyLimits.defaults(), Clock.systemUTC(), null)) {
            HttpResponse<String> r = HTTP.send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + g.port() + "/b/k")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).contains("<Code>InternalError</Code>");
        }
    }
}
