package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BOB_ID;
import static io.camgate.proxy.ExampleGateway.BOB_KEY;
import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.HOST;
import static io.camgate.proxy.ExampleGateway.ROOT_ID;
import static io.camgate.proxy.ExampleGateway.ROOT_KEY;
import static io.camgate.proxy.RawRequests.get;
import static io.camgate.proxy.RawRequests.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qcloud.cos.COSClient;
import io.camgate.authz.index.EngineKind;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ConfigReloader;
import io.camgate.config.GatewaySettings;
import io.camgate.config.ListenSettings;
import io.camgate.config.ReloadOutcome;
import io.camgate.config.RouteSettings;
import io.camgate.limits.Limiter;
import io.camgate.metrics.RequestOutcome;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.NoBufferLeaks;
import io.camgate.testing.RawHttp;
import io.camgate.testing.RecordingUpstream;
import io.camgate.testing.RecordingUpstream.Fault;
import io.camgate.testing.RecordedS3Proxy;
import io.camgate.proxy.splice.SplicedBody;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running gateway when things break around it: an upstream that refuses, resets, stalls
 * or answers garbage, a client that walks away mid-upload, corrupt policy files reloaded under
 * load, a stop during uploads, and thousands of idle connections. Each fault must end in the
 * right COS error, leak no buffer (Netty's detector at PARANOID, {@link NoBufferLeaks}) and no
 * upstream connection, and leave the gateway serving the next request normally.
 *
 * <p>The example bucket's route goes to s3proxy through a {@link RecordingUpstream}, which is
 * told which fault to play; the partner bucket's route goes to a port where nothing listens.
 * Each event loop may hold one upstream connection, so a connection a fault failed to give
 * back shows as the next request on that loop failing ({@link #everyEventLoopStillServes}).
 */
@ExtendWith(NoBufferLeaks.class)
class HostileFaultTest {
    private static final String PARTNER_HOST = "partnerbucket-1250000002.cos.ap-guangzhou.myqcloud.com";
    private static final String PARTNER_ID = "AKIDexamplePARTNER000000000000000002";
    private static final String PARTNER_KEY = "demoPartnerSecretKey000000002";
    /** Long enough for a busy s3proxy, short enough for the stall test to wait out. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);
    private static final int BIG = 64 * 1024;
    /** The body timeout of {@link #impatient}: a test thread's pauses between writes stay far below it. */
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(1);
    private static final CompletedExchanges EXCHANGES = new CompletedExchanges();

    @TempDir
    static Path dir;

    private static RecordedS3Proxy upstream;
    private static RecordingUpstream relay;
    private static ConfigReloader reloader;
    private static GatewaySettings settings;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = RecordedS3Proxy.start(dir);
        relay = upstream.relay();
        reloader = ConfigReloader.open(ExampleConfig.copyTo(dir.resolve("config")), new ConfigLoader(name -> null),
                EngineKind.INDEX, "live");
        int nothing;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothing = s.getLocalPort();
        }
        RouteSettings base = ExampleGateway.settings(relay.uri(), null).routes().get(0);
        RouteSettings example = route(base, "example", List.of(BUCKET), relay.uri());
        RouteSettings partner = route(base, "partner", List.of("partnerbucket-1250000002"),
                URI.create("http://127.0.0.1:" + nothing));
        settings = new GatewaySettings(new ListenSettings("127.0.0.1", 0, null, null, HEADER_TIMEOUT,
                Duration.ofSeconds(60), Duration.ofSeconds(10)), io.camgate.sign.SignatureRules.DEFAULTS, List.of(example, partner));
        gateway = start(settings);
        COSClient root = ExampleGateway.client(gateway.port(), ROOT_ID, ROOT_KEY);
        try {
            root.createBucket(BUCKET);
            root.putObject(BUCKET, "public/a.txt", "public a");
            root.putObject(BUCKET, "public/big.bin", "b".repeat(BIG));
        } finally {
            root.shutdown();
        }
    }

    /** {@code base} for {@code buckets} to {@code upstream}, one connection per event loop, a short response timeout. */
    private static RouteSettings route(RouteSettings base, String name, List<String> buckets, URI upstream) {
        return new RouteSettings(name, buckets, List.of(), upstream, base.addressing(), base.auth(), base.accessKey(),
                base.secretKey(), base.region(), true, 1, Duration.ofSeconds(2), RESPONSE_TIMEOUT,
                Duration.ofSeconds(60), true);
    }

    private static Gateway start(GatewaySettings with) throws Exception {
        return Gateway.start(reloader.holder(), with, Gateway.authenticator(with, Clock.systemUTC()), new Limiter(),
                EXCHANGES, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        if (reloader != null) {
            reloader.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @BeforeEach
    void forget() {
        relay.clear();
    }

    @AfterEach
    void healthy() throws Exception {
        relay.fault(Fault.NONE);
        everyEventLoopStillServes();
    }

    /**
     * A normal request on more new connections than there are event loops, so each loop
     * (taken in turn) serves one: a loop whose only upstream connection leaked would fail it.
     */
    private static void everyEventLoopStillServes() throws Exception {
        everyEventLoopStillServes(gateway.port());
    }

    private static void everyEventLoopStillServes(int port) throws Exception {
        for (int i = 0; i <= 2 * Runtime.getRuntime().availableProcessors(); i++) {
            RawHttp.Reply reply = RawHttp.exchange(port, get("/public/a.txt"));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("public a");
        }
    }

    @Test
    void anUpstreamThatRefusesConnectionsIsABadGateway() throws Exception {
        RawHttp.Reply reply = RawHttp.exchange(gateway.port(), signed("GET", PARTNER_HOST, "/x", "/x", Map.of(),
                PARTNER_ID, PARTNER_KEY, -60, 600) + "\r\n");
        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.code()).isEqualTo("InternalError");
        assertThat(reply.headers()).containsKey("x-cos-request-id");
        assertThat(EXCHANGES.upstreamFailures()).as("counted and logged, not only answered").contains("partner connect");
    }

    @Test
    void anUpstreamThatResetsMidRequestIsABadGateway() throws Exception {
        relay.fault(Fault.RESET_MID_REQUEST);
        int size = 4 * 1024 * 1024;
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send(signed("PUT", "/private/reset.bin", BOB_ID, BOB_KEY) + "Content-Length: " + size + "\r\n\r\n");
            CompletableFuture<Long> body = writeInBackground(http.socket().getOutputStream(), size);
            RawHttp.Reply reply = http.read();
            assertThat(reply.status()).as(reply.toString()).isEqualTo(502);
            assertThat(reply.code()).isEqualTo("InternalError");
            assertThat(reply.headers()).containsEntry("connection", "close");
            body.get(30, TimeUnit.SECONDS);
        }
        assertThat(relay.requests()).extracting(RecordingUpstream.Seen::decodedPath)
                .containsExactly("/" + BUCKET + "/private/reset.bin");
        // the body is spliced, so the splice failing is where the gateway sees the reset
        assertThat(EXCHANGES.upstreamFailures()).contains("example reset");
    }

    @Test
    void anUpstreamThatClosesMidResponseCutsTheKeptAliveClientConnection() throws Exception {
        relay.fault(Fault.CUT_MID_RESPONSE);
        try (RawHttp http = new RawHttp(gateway.port())) {
            // Keep-alive: a gateway that took the premature end for the end of the response would keep the
            // connection, and the client would wait for the missing bytes (here: until its read timeout).
            RawHttp.Reply reply = http.send("GET /public/big.bin HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").read();
            // The head already went out as a 200: the only honest signal left is a short body and a close.
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.headers()).containsEntry("content-length", Integer.toString(BIG));
            assertThat(reply.body().length()).isLessThan(RecordingUpstream.CUT_AFTER_BYTES);
            assertThat(http.closedByPeer()).isTrue();
        }
        assertThat(EXCHANGES.upstreamFailures()).contains("example closed");
    }

    @Test
    void aSplicedResponseTheUpstreamCutsShortClosesTheClientConnection() throws Exception {
        int size = 4 * (int) SplicedBody.MIN_BYTES;
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send(signed("PUT", "/private/cut-late.bin", BOB_ID, BOB_KEY) + "Content-Length: " + size + "\r\n\r\n");
            http.send(new byte[size]);
            assertThat(http.read().status()).isEqualTo(200);
        }
        relay.fault(Fault.CUT_LATE_IN_RESPONSE);
        try (RawHttp http = new RawHttp(gateway.port())) {
            // Past the head the rest of the body is spliced, and the upstream's end of input arrives while the
            // gateway still moves what its socket holds. Once that runs dry nothing would wake the splice: the
            // client would wait for the missing bytes until its read timeout, on a connection kept alive.
            RawHttp.Reply reply = http.send(signed("GET", "/private/cut-late.bin", BOB_ID, BOB_KEY) + "\r\n").read();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.headers()).containsEntry("content-length", Integer.toString(size));
            assertThat(reply.body().length()).as("more than the part sent before the splice, less than the whole")
                    .isGreaterThan((int) SplicedBody.MIN_BYTES).isLessThan(RecordingUpstream.LATE_CUT_AFTER_BYTES);
            assertThat(http.closedByPeer()).isTrue();
        }
    }

    @Test
    void anUpstreamThatStallsIsAGatewayTimeout() throws Exception {
        relay.fault(Fault.STALL);
        RawHttp.Reply reply = RawHttp.exchange(gateway.port(), get("/public/a.txt"));
        assertThat(reply.status()).isEqualTo(504);
        assertThat(reply.code()).isEqualTo("ServiceUnavailable");
        assertThat(relay.requests()).hasSize(1);
        assertThat(EXCHANGES.upstreamFailures()).contains("example timeout");
    }

    @Test
    void anUpstreamThatAnswersGarbageIsABadGateway() throws Exception {
        relay.fault(Fault.GARBAGE);
        RawHttp.Reply reply = RawHttp.exchange(gateway.port(), get("/public/a.txt"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(502);
        assertThat(reply.code()).isEqualTo("InternalError");
        assertThat(EXCHANGES.upstreamFailures()).contains("example malformed");
    }

    @Test
    void anIdlePooledConnectionOnWhichTheUpstreamSpeaksUnaskedIsClosedNotReadAsTheNextAnswer() throws Exception {
        everyEventLoopStillServes();
        // Read only when the next request came, this would be taken for that request's answer.
        assertThat(relay.sayUnasked("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstale")).isPositive();
        assertThat(relay.awaitConnectionsClosed()).as("idle connections still open").isZero();
        // the @AfterEach check: every event loop answers with the object, on a new connection
    }

    /** A second gateway like the suite's, with the short {@link #BODY_TIMEOUT} and upstream pools of its own. */
    private static Gateway impatient() throws Exception {
        ListenSettings l = settings.listen();
        return start(new GatewaySettings(new ListenSettings(l.address(), 0, null, null, l.headerTimeout(),
                BODY_TIMEOUT, l.shutdownTimeout()), settings.signature(), settings.routes()));
    }

    @Test
    void anAllowedUploadThatStallsIsARequestTimeoutAndGivesItsUpstreamConnectionBack() throws Exception {
        // Shorter than a spliced body, so the gateway answers (a spliced one is only closed: see below).
        long declared = SplicedBody.MIN_BYTES / 2;
        try (Gateway gate = impatient()) {
            try (RawHttp http = new RawHttp(gate.port())) {
                // Allowed, forwarded, a few body bytes, then nothing more: the read below waits on the socket.
                RawHttp.Reply reply = http.send(signed("PUT", "/private/stalled.bin", BOB_ID, BOB_KEY)
                        + "Content-Length: " + declared + "\r\n\r\nthe first bytes").read();
                assertThat(reply).as("an answer before the client's read timeout").isNotNull();
                assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
                assertThat(reply.code()).isEqualTo("RequestTimeout");
                assertThat(EXCHANGES.outcomeOf(reply.headers().get("x-cos-request-id"))).as("counted as an error, not an allow")
                        .isEqualTo(RequestOutcome.ERROR);
                assertThat(reply.headers()).containsEntry("connection", "close").containsKey("x-cos-request-id");
                assertThat(http.closedByPeer()).isTrue();
            }
            reachedTheUpstreamOnceAndLeftNothing(gate, "/private/stalled.bin");
        }
    }

    @Test
    void aSplicedUploadThatStallsIsCutOffAndGivesItsUpstreamConnectionBack() throws Exception {
        long declared = 4 * SplicedBody.MIN_BYTES;
        try (Gateway gate = impatient()) {
            try (RawHttp http = new RawHttp(gate.port())) {
                http.send(signed("PUT", "/private/spliced-stall.bin", BOB_ID, BOB_KEY) + "Content-Length: " + declared
                        + "\r\nExpect: 100-continue\r\n\r\n");
                assertThat(http.awaitContinue()).as("100 Continue: allowed, the upstream connection in hand").isTrue();
                // More than a megabyte is still to come after this read, so the rest is handed to the kernel.
                http.send(new byte[64 * 1024]);
                // Half the body went by the kernel, so no answer can follow: the connection just closes.
                assertThat(http.closedByPeer()).as("closed before the client's read timeout").isTrue();
            }
            reachedTheUpstreamOnceAndLeftNothing(gate, "/private/spliced-stall.bin");
        }
    }

    /**
     * The cut upload of {@code key} was forwarded once, holds no upstream connection of
     * {@code gate} any more, and stored nothing.
     */
    private static void reachedTheUpstreamOnceAndLeftNothing(Gateway gate, String key) throws Exception {
        assertThat(relay.requests()).extracting(RecordingUpstream.Seen::decodedPath).containsExactly("/" + BUCKET + key);
        // Each event loop holds one upstream connection: one still held by the stall would fail a request here.
        everyEventLoopStillServes(gate.port());
        RawHttp.Reply stored = RawHttp.exchange(gate.port(), signed("GET", key, BOB_ID, BOB_KEY) + "\r\n");
        assertThat(stored.status()).as("the cut upload is not stored").isEqualTo(404);
    }

    @Test
    void aSlowButSteadyUploadOutlastsTheBodyTimeoutAndCompletes() throws Exception {
        int pieces = 20;
        byte[] piece = "steady-".repeat(100).getBytes(StandardCharsets.ISO_8859_1);
        try (Gateway gate = impatient(); RawHttp http = new RawHttp(gate.port())) {
            http.send(signed("PUT", "/private/steady.bin", BOB_ID, BOB_KEY) + "Content-Length: "
                    + pieces * piece.length + "\r\n\r\n");
            for (int i = 0; i < pieces; i++) {
                // Pacing, not synchronisation: the whole upload takes twice the timeout, each gap a tenth of it.
                Thread.sleep(BODY_TIMEOUT.toMillis() / 10);
                http.send(piece);
            }
            RawHttp.Reply reply = http.read();
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        }
        RawHttp.Reply stored = RawHttp.exchange(gateway.port(),
                signed("GET", "/private/steady.bin", BOB_ID, BOB_KEY) + "\r\n");
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body()).isEqualTo(new String(piece, StandardCharsets.ISO_8859_1).repeat(pieces));
    }

    @Test
    void aClientThatDisconnectsMidUploadLeavesNothingHeld() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (RawHttp http = new RawHttp(gateway.port())) {
                http.send(signed("PUT", "/private/abandoned.bin", BOB_ID, BOB_KEY)
                        + "Content-Length: 8388608\r\nExpect: 100-continue\r\n\r\n");
                assertThat(http.awaitContinue()).isTrue();
                http.send(new byte[256 * 1024]);
                // Reset rather than close, as a crashed client's socket would.
                http.socket().setSoLinger(true, 0);
            }
        }
        assertThat(relay.awaitRequests(3)).hasSize(3);
    }

    @Test
    void corruptPolicyFilesReloadedUnderLoadLeaveTheLastGoodSetInForce() throws Exception {
        Path config = reloader.directory();
        long generation = reloader.holder().generation();
        Map<Path, String> corruptions = Map.of(
                config.resolve("policies/cos-read-write.json"), "{\"version\": \"2.0\", \"statement\": [",
                config.resolve("policies/deny-secret.json"), "{\"version\": \"2.0\", \"statement\": [{\"effect\": "
                        + "\"deny\", \"action\": [\"name/cos:*\"], \"resource\": [\"*\"], \"condition\": "
                        + "{\"no_such_operator\": {\"qcs:ip\": \"0.0.0.0/0\"}}}]}",
                config.resolve("bucket-policies/examplebucket-1250000001.json"), "not json at all",
                config.resolve("accounts.yaml"), "accounts: [ {uin: ");
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger served = new AtomicInteger();
        List<String> wrong = new ArrayList<>();
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            try {
                while (!done.get() || served.get() < 3) {
                    expect(get("/public/a.txt"), 200, wrong);
                    expect(get("/secret.txt"), 403, wrong);
                    expect(signed("GET", "/public/a.txt", BOB_ID, BOB_KEY) + "\r\n", 200, wrong);
                    expect(signed("GET", "/secret/x", ExampleGateway.DAVE_ID, ExampleGateway.DAVE_KEY) + "\r\n", 403,
                            wrong);
                    served.incrementAndGet();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (int round = 0; round < 3; round++) {
            for (Map.Entry<Path, String> c : corruptions.entrySet()) {
                String good = Files.readString(c.getKey());
                Files.writeString(c.getKey(), c.getValue());
                ReloadOutcome outcome = reloader.reload();
                Files.writeString(c.getKey(), good);
                assertThat(outcome.published()).as(c.getKey().toString()).isFalse();
                assertThat(outcome.problems()).isNotEmpty();
                assertThat(reloader.holder().generation()).isEqualTo(generation);
            }
        }
        done.set(true);
        load.get(60, TimeUnit.SECONDS);
        synchronized (wrong) {
            assertThat(wrong).isEmpty();
        }
        assertThat(served.get()).isGreaterThanOrEqualTo(3);
        assertThat(reloader.reload().published()).as("the restored files load").isTrue();
    }

    private static void expect(String raw, int status, List<String> wrong) throws IOException {
        RawHttp.Reply reply = RawHttp.exchange(gateway.port(), raw);
        if (reply == null || reply.status() != status) {
            synchronized (wrong) {
                wrong.add(raw.lines().findFirst().orElse("") + " → " + reply);
            }
        }
    }

    @Test
    void stoppingDuringUploadsFinishesThemAndRefusesNewConnections() throws Exception {
        Gateway stopping = start(settings);
        List<RawHttp> uploads = new ArrayList<>();
        try {
            byte[] body = "uploaded across the stop".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) {
                RawHttp http = new RawHttp(stopping.port());
                uploads.add(http);
                http.send(signed("PUT", "/private/drain-" + i + ".txt", BOB_ID, BOB_KEY) + "Content-Length: "
                        + body.length + "\r\nExpect: 100-continue\r\n\r\n");
                assertThat(http.awaitContinue()).isTrue();
                http.send(new String(body, 0, 10, StandardCharsets.ISO_8859_1));
            }
            stopping.stopAccepting();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), stopping.port()).close())
                    .isInstanceOf(ConnectException.class);
            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(
                    () -> stopping.awaitDrained(Duration.ofSeconds(30)));
            for (RawHttp http : uploads) {
                RawHttp.Reply reply = http.send(new String(body, 10, body.length - 10, StandardCharsets.ISO_8859_1))
                        .read();
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.headers()).containsEntry("connection", "close");
            }
            assertThat(drained.get(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            for (RawHttp http : uploads) {
                http.close();
            }
            stopping.close();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(RawHttp.exchange(gateway.port(), signed("GET", "/private/drain-" + i + ".txt", BOB_ID, BOB_KEY)
                    + "\r\n").body()).isEqualTo("uploaded across the stop");
        }
    }

    @Test
    void twoThousandIdleConnectionsDoNotStopANormalRequestAndAreClosedByTheHeaderTimeout() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 2000; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
                s.setSoTimeout(30_000);
                idle.add(s);
            }
            RawHttp.Reply reply = RawHttp.exchange(gateway.port(), get("/public/a.txt"));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("public a");
            for (Socket s : idle) {
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    /** Writes {@code size} zero bytes in the background until done or refused; returns what was written. */
    private static CompletableFuture<Long> writeInBackground(OutputStream out, long size) {
        return CompletableFuture.supplyAsync(() -> {
            byte[] chunk = new byte[64 * 1024];
            long n = 0;
            try {
                while (n < size) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, size - n));
                    n += Math.min(chunk.length, size - n);
                }
                out.flush();
            } catch (IOException e) {
                return n;
            }
            return n;
        });
    }
}
