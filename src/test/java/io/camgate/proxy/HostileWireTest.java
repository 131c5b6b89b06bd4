package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BOB_ID;
import static io.camgate.proxy.ExampleGateway.BOB_KEY;
import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.CAROL_ID;
import static io.camgate.proxy.ExampleGateway.DAVE_ID;
import static io.camgate.proxy.ExampleGateway.DAVE_KEY;
import static io.camgate.proxy.ExampleGateway.HOST;
import static io.camgate.proxy.ExampleGateway.ROOT_ID;
import static io.camgate.proxy.ExampleGateway.ROOT_KEY;
import static io.camgate.proxy.RawRequests.get;
import static io.camgate.proxy.RawRequests.signed;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.ConfigLoader;
import io.camgate.config.ListenSettings;
import io.camgate.sign.HeaderOnlyRequest;
import io.camgate.sign.RequestSigner;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.NoBufferLeaks;
import io.camgate.testing.RawHttp;
import io.camgate.testing.RecordingUpstream;
import io.camgate.testing.RecordedS3Proxy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests as raw bytes against the running gateway, with s3proxy behind it and a
 * {@link RecordingUpstream} in between (threats.md §5.1–§5.5). Each case names the status and
 * COS code it must get, and either the exact decoded path the upstream must have seen (so the
 * key that was authorized is the key that was served) or none, proving the request never left
 * the gateway. The example configuration decides: anonymous callers may read only
 * {@code public/*}, bob reads and writes the bucket, dave is denied {@code secret/*}, and
 * erin (here) may read {@code local/*} from 127.0.0.1 and everything from 10.0.0.0/8.
 *
 * <p>s3proxy keeps objects as files and would serve {@code public//a.txt} as {@code public/a.txt},
 * so its route folds keys ({@code foldsKeys}, the default for sigv4 routes): a key with an
 * empty, {@code .} or {@code ..} segment is refused with 400 InvalidArgument once allowed, and
 * never sent. Keys that only look like such segments ({@code %2E%2E}, {@code ..;}) are keys
 * like any other.
 */
@ExtendWith(NoBufferLeaks.class)
class HostileWireTest {
    private static final String PARTNER = "partnerbucket-1250000002";
    private static final String PARTNER_HOST = PARTNER + ".cos.ap-guangzhou.myqcloud.com";
    private static final String PARTNER_ID = "AKIDexamplePARTNER000000000000000002";
    private static final String PARTNER_KEY = "demoPartnerSecretKey000000002";
    private static final String ERIN_ID = "AKIDexampleERIN00000000000000000015";
    private static final String ERIN_KEY = "demoErinSecretKey00000000000015";
    private static final String PATH_HOST = "cos.ap-shanghai.myqcloud.com";
    private static final String SECRET = "SECRET";
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(400);
    /** Short, so a body that stops coming is cut off soon; long enough for a test thread's pauses between writes. */
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    static Path dir;

    private static RecordedS3Proxy upstream;
    private static RecordingUpstream relay;
    private static Gateway gateway;
    private static final AtomicInteger FRAMING_REJECTIONS = new AtomicInteger();

    /**
     * One hostile request.
     *
     * @param name     what it tries
     * @param raw      the bytes to send, made when the case runs (signatures need the time)
     * @param status   the status it must get
     * @param code     the COS code it must get, or null for a success
     * @param upstream the decoded path the upstream must see, or null: it must never reach it
     * @param closes   whether the gateway must close the connection after answering
     * @param body     sent after {@code raw} once the gateway answered {@code 100 Continue}, or null
     */
    record Case(String name, Callable<String> raw, int status, String code, String upstream, boolean closes,
            String body) {
        Case(String name, Callable<String> raw, int status, String code, String upstream, boolean closes) {
            this(name, raw, status, code, upstream, closes, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        upstream = RecordedS3Proxy.start(dir);
        relay = upstream.relay();
        Path config = ExampleConfig.copyTo(dir.resolve("config"));
        // erin: local/* from loopback, anything from the office network; nothing about transport.
        Files.writeString(config.resolve("policies/office-network-only.json"), """
                {"version": "2.0", "statement": [
                  {"effect": "allow", "action": ["name/cos:GetObject"],
                   "resource": ["qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/local/*"],
                   "condition": {"ip_equal": {"qcs:ip": ["127.0.0.1"]}}},
                  {"effect": "allow", "action": ["name/cos:GetObject"],
                   "resource": ["qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/*"],
                   "condition": {"ip_equal": {"qcs:ip": ["10.0.0.0/8"]}}}
                ]}
                """);
        ListenSettings listen = new ListenSettings("127.0.0.1", 0, null, null, HEADER_TIMEOUT, BODY_TIMEOUT,
                Duration.ofSeconds(5));
        gateway = Gateway.start(new ConfigLoader(name -> null).load(config, 1),
                ExampleGateway.settings(relay.uri(), listen), new RequestObserver() {
                    @Override
                    public void framingRejected() {
                        FRAMING_REJECTIONS.incrementAndGet();
                    }
                }, Clock.systemUTC());
        // Raw requests, each on its own connection: an SDK's pooled connection could outlive the short header timeout.
        assertThat(RawHttp.exchange(gateway.port(), signed("PUT", "/", ROOT_ID, ROOT_KEY)
                + "Content-Length: 0\r\n\r\n").status()).isEqualTo(200);
        Map<String, String> objects = Map.of("public/a.txt", "public a", "public/a+b.txt", "plus",
                "public/a b.txt", "space", "secret.txt", SECRET + "-TOP", "secret/x", SECRET + "-X",
                "private/obj.txt", "private", "local/ip.txt", "local", "public/big.txt", "b".repeat(100_000));
        for (Map.Entry<String, String> o : objects.entrySet()) {
            String path = "/" + o.getKey();
            String target = path.replace(" ", "%20").replace("+", "%2B");
            assertThat(RawHttp.exchange(gateway.port(), signed("PUT", HOST, path, target, Map.of(), ROOT_ID, ROOT_KEY,
                    -60, 600) + "Content-Length: " + o.getValue().length() + "\r\n\r\n" + o.getValue()).status())
                    .as(o.getKey()).isEqualTo(200);
        }
        assertThat(RawHttp.exchange(gateway.port(), signed("PUT", PARTNER_HOST, "/", "/", Map.of(), PARTNER_ID,
                PARTNER_KEY, 0, 600) + "Content-Length: 0\r\n\r\n").status()).isEqualTo(200);
        String partnerObject = SECRET + "-PARTNER";
        assertThat(RawHttp.exchange(gateway.port(), signed("PUT", PARTNER_HOST, "/x", "/x", Map.of(), PARTNER_ID,
                PARTNER_KEY, 0, 600) + "Content-Length: " + partnerObject.length() + "\r\n\r\n" + partnerObject)
                .status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @BeforeEach
    void forget() {
        relay.clear();
    }

    // ---- building requests

    /** bob's signed GET of {@code key} with {@code authorization} rewritten by {@code tamper}. */
    private static String bobGet(String key, java.util.function.UnaryOperator<String> tamper) {
        String head = signed("GET", HOST, "/" + key, "/" + key, Map.of(), BOB_ID, BOB_KEY, -60, 600);
        int at = head.indexOf("Authorization: ") + "Authorization: ".length();
        int end = head.indexOf("\r\n", at);
        return head.substring(0, at) + tamper.apply(head.substring(at, end)) + head.substring(end) + "\r\n";
    }

    /** bob's presigned GET of {@code key} (the q-* fields in the query) with the query rewritten by {@code tamper}. */
    private static String bobPresigned(String key, java.util.function.UnaryOperator<String> tamper) {
        long now = System.currentTimeMillis() / 1000;
        String query = RequestSigner.authorization(new HeaderOnlyRequest("GET", "/" + key, Map.of("Host", HOST)),
                BOB_ID, BOB_KEY, now - 60, now + 600, List.of("host"));
        return "GET /" + key + "?" + tamper.apply(query) + " HTTP/1.1\r\nHost: " + HOST
                + "\r\nConnection: close\r\n\r\n";
    }

    private static String field(String authorization, String name, String value) {
        return authorization.replaceAll("(^|&)" + name + "=[^&]*", "$1" + name + "=" + value.replace("$", "\\$"));
    }

    private static String upstreamPath(String key) {
        return "/" + BUCKET + "/" + key;
    }

    // ---- the table

    private static Case allowed(String name, String raw, int status, String code, String key) {
        return new Case(name, () -> raw, status, code, upstreamPath(key), false);
    }

    /** A key the route's file-backed store would fold into another key: refused after the allow. */
    private static Case folded(String name, String raw) {
        return refused(name, raw, 400, "InvalidArgument");
    }

    private static Case refused(String name, String raw, int status, String code) {
        return new Case(name, () -> raw, status, code, null, false);
    }

    private static Case framing(String name, String raw) {
        return new Case(name, () -> raw, 400, "InvalidRequest", null, true);
    }

    private static Case signedCase(String name, Callable<String> raw, int status, String code, String key) {
        return new Case(name, raw, status, code, key == null ? null : upstreamPath(key), false);
    }

    /**
     * bob's allowed chunked upload of {@code private/chunked.txt} whose body, sent once the head
     * went upstream ({@code 100 Continue}), is broken: refused mid-stream.
     */
    private static Case chunked(String name, String body) {
        return new Case(name, () -> signed("PUT", HOST, "/private/chunked.txt", "/private/chunked.txt", Map.of(),
                BOB_ID, BOB_KEY, -60, 600) + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n", 400,
                "InvalidRequest", upstreamPath("private/chunked.txt"), true, body);
    }

    static Stream<Case> pathTricks() {
        return Stream.of(
                allowed("baseline: a public key", get("/public/a.txt"), 200, null, "public/a.txt"),
                refused("baseline: a secret key", get("/secret.txt"), 403, "AccessDenied"),
                folded("raw ..", get("/public/../secret.txt")),
                folded("%2F around ..", get("/public%2F..%2Fsecret.txt")),
                folded("%2f lower case", get("/public%2f..%2fsecret.txt")),
                folded("%2E%2E", get("/public/%2E%2E/secret.txt")),
                folded(".%2e mixed", get("/public/.%2e/secret.txt")),
                allowed("%252F stays %2F", get("/public/..%252Fsecret.txt"), 404, "NoSuchKey",
                        "public/..%2Fsecret.txt"),
                allowed("%25%32%46 decoded once", get("/public/..%25%32%46secret.txt"), 404, "NoSuchKey",
                        "public/..%2Fsecret.txt"),
                allowed("%252E%252E", get("/public/%252E%252E/secret.txt"), 404, "NoSuchKey",
                        "public/%2E%2E/secret.txt"),
                folded("// inside (s3proxy's file store would serve public/a.txt)", get("/public//a.txt")),
                refused("// leading", get("//public/a.txt"), 403, "AccessDenied"),
                folded("/./ inside", get("/public/./a.txt")),
                refused("/./ leading", get("/./secret.txt"), 403, "AccessDenied"),
                refused("/../ leading", get("/../public/a.txt"), 403, "AccessDenied"),
                refused("raw backslash", get("/public\\..\\secret.txt"), 400, "InvalidURI"),
                allowed("%5C", get("/public/%5C..%5Csecret.txt"), 404, "NoSuchKey", "public/\\..\\secret.txt"),
                refused("%00", get("/public/a.txt%00"), 400, "InvalidURI"),
                refused("%00 before ..", get("/public/%00/../secret.txt"), 400, "InvalidURI"),
                refused("overlong %C0%AF", get("/public/..%C0%AFsecret.txt"), 400, "InvalidURI"),
                refused("overlong %E0%80%AF", get("/public/..%E0%80%AFsecret.txt"), 400, "InvalidURI"),
                refused("overlong dot %C0%AE", get("/public/%C0%AE%C0%AE/secret.txt"), 400, "InvalidURI"),
                allowed("+ stays a plus", get("/public/a+b.txt"), 200, null, "public/a+b.txt"),
                allowed("%20 is a space", get("/public/a%20b.txt"), 200, null, "public/a b.txt"),
                allowed("%2e mixed-case hex", get("/public/a%2etxt"), 200, null, "public/a.txt"),
                refused("case of the prefix", get("/PUBLIC/a.txt"), 403, "AccessDenied"),
                folded("%70ublic: an escaped letter is the same key", get("/%70ublic/..%2Fsecret.txt")),
                allowed("..;/", get("/public/..;/secret.txt"), 404, "NoSuchKey", "public/..;/secret.txt"),
                refused("a query that looks like a path", get("/public/a.txt?/../../secret.txt"), 400,
                        "InvalidArgument"),
                allowed("path style", get(PATH_HOST, "/" + BUCKET + "/public/a.txt"), 200, null, "public/a.txt"),
                refused("path style, %2F in the bucket", get(PATH_HOST, "/" + BUCKET + "%2Fpublic/a.txt"), 400,
                        "InvalidBucketName"),
                refused("path style, .. to another bucket", get(PATH_HOST, "/" + BUCKET + "/../" + PARTNER + "/x"),
                        403, "AccessDenied"),
                folded("path style, public/.. to another bucket",
                        get(PATH_HOST, "/" + BUCKET + "/public/..%2F..%2F" + PARTNER + "/x")),
                refused("path style, backslash bucket", get(PATH_HOST, "/" + BUCKET + "%5Cpublic/a.txt"), 400,
                        "InvalidBucketName"));
    }

    static Stream<Case> hostConfusion() {
        return Stream.of(
                refused("virtual host A, path naming bucket B", get(PARTNER_HOST, "/" + BUCKET + "/public/a.txt"),
                        403, "AccessDenied"),
                refused("absolute form naming another bucket",
                        get("http://" + PARTNER_HOST + "/public/a.txt"), 400, "InvalidRequest"),
                allowed("absolute form agreeing with Host", get("http://" + HOST + "/public/a.txt"), 200, null,
                        "public/a.txt"),
                refused("absolute form with userinfo", get("http://x@" + HOST + "/public/a.txt"), 400,
                        "InvalidRequest"),
                framing("duplicate Host", "GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\nHost: " + PARTNER_HOST
                        + "\r\n\r\n"),
                framing("duplicate Host, same value", "GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\nHost: "
                        + HOST + "\r\n\r\n"),
                framing("no Host", "GET /public/a.txt HTTP/1.1\r\n\r\n"),
                framing("HTTP/1.0 without Host", "GET /public/a.txt HTTP/1.0\r\n\r\n"),
                allowed("Host with a port", get(HOST + ":8080", "/public/a.txt"), 200, null, "public/a.txt"),
                allowed("Host with a trailing dot", get(HOST + ".", "/public/a.txt"), 200, null, "public/a.txt"),
                allowed("Host in upper case", get(HOST.toUpperCase(java.util.Locale.ROOT), "/public/a.txt"), 200,
                        null, "public/a.txt"),
                refused("Host with two trailing dots", get(HOST + "..", "/public/a.txt"), 400, "InvalidRequest"),
                // A Host outside the COS domains is the gateway's own address: path style, the bucket from the
                // path alone (a bucket-like host name is no bucket), and the same policy decides.
                allowed("Host as an IP, path style", get("127.0.0.1", "/" + BUCKET + "/public/a.txt"), 200, null,
                        "public/a.txt"),
                refused("Host as an IP, path style, a key the policy denies",
                        get("127.0.0.1:8080", "/" + BUCKET + "/secret.txt"), 403, "AccessDenied"),
                refused("Host as an IPv6 literal, another bucket in the path",
                        get("[::1]:8080", "/" + PARTNER + "/public/a.txt"), 403, "AccessDenied"),
                refused("Host as a Service name, bucket unknown to the directory",
                        get("camgate.storage.svc:8080", "/other-1250000009/public/a.txt"), 404, "NoSuchBucket"),
                refused("Host with userinfo", get("x@" + HOST, "/public/a.txt"), 400, "InvalidRequest"),
                refused("Host of an unknown domain naming the bucket, path without it",
                        get(BUCKET + ".cos.ap-shanghai.example.com", "/public/a.txt"), 400, "InvalidBucketName"),
                refused("Host of an unknown domain, a malformed name", get("camgate_svc", "/" + BUCKET + "/public/a.txt"),
                        400, "InvalidRequest"),
                refused("Host naming no route's bucket", get("other-1250000009.cos.ap-shanghai.myqcloud.com",
                        "/public/a.txt"), 404, "NoSuchBucket"));
    }

    static Stream<Case> smuggling() {
        String smuggled = "GET /secret.txt HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n";
        String head = "POST /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\n";
        String chunkedSmuggle = "0\r\n\r\n" + smuggled;
        return Stream.of(
                framing("CL.TE", head + "Content-Length: " + chunkedSmuggle.length()
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedSmuggle),
                framing("TE.CL", head + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + chunkedSmuggle),
                framing("duplicate Content-Length", head + "Content-Length: 0\r\nContent-Length: "
                        + smuggled.length() + "\r\n\r\n" + smuggled),
                framing("duplicate equal Content-Length", head + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc"),
                framing("Content-Length list", head + "Content-Length: 3, 3\r\n\r\nabc"),
                framing("Content-Length with +", head + "Content-Length: +3\r\n\r\nabc"),
                framing("negative Content-Length", head + "Content-Length: -1\r\n\r\n" + smuggled),
                framing("empty Content-Length", head + "Content-Length: \r\n\r\n" + smuggled),
                framing("hex Content-Length", head + "Content-Length: 0x3\r\n\r\nabc"),
                framing("Content-Length overflowing a long", head + "Content-Length: 99999999999999999999\r\n\r\n"),
                framing("TE xchunked", head + "Transfer-Encoding: xchunked\r\n\r\n" + chunkedSmuggle),
                framing("TE chunked, identity", head + "Transfer-Encoding: chunked, identity\r\n\r\n"
                        + chunkedSmuggle),
                framing("TE identity", head + "Transfer-Encoding: identity\r\n\r\n" + chunkedSmuggle),
                framing("TE space before the colon", head + "Transfer-Encoding : chunked\r\n\r\n" + chunkedSmuggle),
                framing("TE folded onto a second line", head + "Transfer-Encoding:\r\n chunked\r\n\r\n"
                        + chunkedSmuggle),
                framing("TE with a vertical tab", head + "Transfer-Encoding: \u000bchunked\r\n\r\n"
                        + chunkedSmuggle),
                framing("HTTP/1.0 with TE", "POST /public/a.txt HTTP/1.0\r\nHost: " + HOST
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedSmuggle),
                framing("bare LF ending a header", "GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\nX-A: b\r\n\r\n"),
                framing("bare LF ending the head", "GET /public/a.txt HTTP/1.1\nHost: " + HOST + "\n\n"),
                framing("bare CR in a header", "GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\nX-A: b\rc\r\n\r\n"),
                framing("control character in a header name", "GET /public/a.txt HTTP/1.1\r\nHost: " + HOST
                        + "\r\nX\u0001A: b\r\n\r\n"),
                framing("space inside a header name", "GET /public/a.txt HTTP/1.1\r\nHost: " + HOST
                        + "\r\nX A: b\r\n\r\n"),
                framing("NUL in a header value", "GET /public/a.txt HTTP/1.1\r\nHost: " + HOST
                        + "\r\nX-A: b\u0000c\r\n\r\n"),
                framing("unknown HTTP version", "GET /public/a.txt HTTP/1.2\r\nHost: " + HOST + "\r\n\r\n"),
                framing("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
                allowed("request line with two spaces (rebuilt for the upstream)", get("/public/a.txt").replace("GET ",
                        "GET  "), 200, null, "public/a.txt"),
                chunked("bare LF after a chunk size", "3\nabc\r\n0\r\n\r\n"),
                chunked("bare LF in a chunk extension", "3;a\nb\r\nabc\r\n0\r\n\r\n"),
                chunked("bare LF after chunk data", "3\r\nabc\n0\r\n\r\n"),
                chunked("chunk size not hex", "zz\r\nabc\r\n0\r\n\r\n"),
                chunked("chunk size overflowing", "fffffffffffffffff1\r\nabc\r\n0\r\n\r\n"),
                chunked("chunk size with a sign", "-3\r\nabc\r\n0\r\n\r\n"),
                chunked("chunk data longer than its size", "3\r\nabcdef\r\n0\r\n\r\n"));
    }

    static Stream<Case> identityAndSignatures() {
        String key = "private/obj.txt";
        return Stream.of(
                signedCase("baseline: bob's signed GET", () -> bobGet(key, a -> a), 200, null, key),
                signedCase("q-sign-algorithm", () -> bobGet(key, a -> field(a, "q-sign-algorithm", "md5")), 400,
                        "InvalidArgument", null),
                signedCase("q-ak unknown", () -> bobGet(key, a -> field(a, "q-ak", "AKIDnobody000000000000000000000000")),
                        403, "InvalidAccessKeyId", null),
                signedCase("q-ak of another user", () -> bobGet(key, a -> field(a, "q-ak", CAROL_ID)), 403,
                        "SignatureDoesNotMatch", null),
                signedCase("q-sign-time", () -> bobGet(key, a -> field(a, "q-sign-time",
                        a.replaceAll(".*q-sign-time=(\\d+);(\\d+).*", "$1") + ";"
                                + (Long.parseLong(a.replaceAll(".*q-sign-time=\\d+;(\\d+).*", "$1")) + 1))), 403,
                        "SignatureDoesNotMatch", null),
                signedCase("q-key-time", () -> bobGet(key, a -> field(a, "q-key-time",
                        a.replaceAll(".*q-key-time=(\\d+);(\\d+).*", "$1") + ";"
                                + (Long.parseLong(a.replaceAll(".*q-key-time=\\d+;(\\d+).*", "$1")) + 1))), 403,
                        "SignatureDoesNotMatch", null),
                signedCase("q-header-list without host", () -> bobGet(key, a -> field(a, "q-header-list", "")), 403,
                        "AccessDenied", null),
                signedCase("q-header-list naming an absent header", () -> bobGet(key,
                        a -> field(a, "q-header-list", "host;x-cos-acl")), 403, "SignatureDoesNotMatch", null),
                signedCase("q-url-param-list", () -> bobGet(key, a -> field(a, "q-url-param-list", "acl")), 403,
                        "SignatureDoesNotMatch", null),
                signedCase("q-signature one digit", () -> bobGet(key, a -> a.substring(0, a.length() - 1)
                        + (a.endsWith("0") ? "1" : "0")), 403, "SignatureDoesNotMatch", null),
                signedCase("q-signature in upper-case hex: the same bytes", () -> bobGet(key, a -> field(a,
                        "q-signature", a.substring(a.lastIndexOf('=') + 1).toUpperCase(java.util.Locale.ROOT))), 200,
                        null, key),
                signedCase("q-signature missing", () -> bobGet(key, a -> a.substring(0, a.indexOf("&q-signature"))),
                        400, "InvalidArgument", null),
                signedCase("q-ak given twice", () -> bobGet(key, a -> a + "&q-ak=" + BOB_ID), 400,
                        "InvalidArgument", null),
                signedCase("signature field names in upper case", () -> bobGet(key,
                        a -> a.replace("q-signature=", "Q-SIGNATURE=")), 400, "InvalidArgument", null),
                signedCase("query carrier", () -> bobPresigned(key, q -> q), 200, null, key),
                signedCase("query carrier, q-signature changed", () -> bobPresigned(key, q -> q.substring(0,
                        q.length() - 1) + (q.endsWith("0") ? "1" : "0")), 403, "SignatureDoesNotMatch", null),
                signedCase("query carrier, q-ak swapped", () -> bobPresigned(key, q -> field(q, "q-ak", CAROL_ID)),
                        403, "SignatureDoesNotMatch", null),
                signedCase("query carrier, a field given twice", () -> bobPresigned(key, q -> q + "&q-sign-time="
                        + q.replaceAll(".*q-sign-time=([^&]*).*", "$1")), 400, "InvalidArgument", null),
                signedCase("query carrier, replayed on another key", () -> bobPresigned(key, q -> q)
                        .replace("GET /" + key, "GET /secret.txt"), 403, "SignatureDoesNotMatch", null),
                // As in COS, a parameter outside q-url-param-list is not covered (strict signature mode would be).
                signedCase("query carrier, an unsigned parameter added", () -> bobPresigned(key,
                        q -> q + "&response-content-type=text%2Fhtml"), 200, null, key),
                signedCase("bytes above 0x7f in a header value", () -> bobGet(key, a -> a).replace("Connection: close",
                        "X-Junk: \u00ff\u00fe\u00c0\r\nConnection: close"), 200, null, key),
                signedCase("bytes above 0x7f in Authorization", () -> bobGet(key, a -> field(a, "q-ak",
                        "AKID\u00ff\u00fe")), 403, "InvalidAccessKeyId", null),
                new Case("bytes above 0x7f in a header name", () -> get("/public/a.txt").replace("Connection",
                        "X-\u00c4: a\r\nConnection"), 400, "InvalidRequest", null, true),
                signedCase("signed header changed after signing", () -> signed("GET", HOST, "/" + key, "/" + key,
                        Map.of("x-cos-meta-a", "1"), BOB_ID, BOB_KEY, -60, 600).replace("x-cos-meta-a: 1",
                                "x-cos-meta-a: 2") + "\r\n", 403, "SignatureDoesNotMatch", null),
                signedCase("path changed after signing", () -> signed("GET", HOST, "/" + key, "/secret.txt", Map.of(),
                        BOB_ID, BOB_KEY, -60, 600) + "\r\n", 403, "SignatureDoesNotMatch", null),
                signedCase("expired window", () -> signed("GET", HOST, "/" + key, "/" + key, Map.of(), BOB_ID, BOB_KEY,
                        -7200, -3600) + "\r\n", 403, "AccessDenied", null),
                signedCase("window starting in the future", () -> signed("GET", HOST, "/" + key, "/" + key, Map.of(),
                        BOB_ID, BOB_KEY, 3600, 7200) + "\r\n", 403, "RequestTimeTooSkewed", null),
                signedCase("window of 30 days", () -> signed("GET", HOST, "/" + key, "/" + key, Map.of(), BOB_ID,
                        BOB_KEY, -60, 30L * 86400) + "\r\n", 403, "AccessDenied", null),
                signedCase("unsigned Host", () -> {
                    long now = System.currentTimeMillis() / 1000;
                    String auth = RequestSigner.authorization(new HeaderOnlyRequest("GET", "/" + key, Map.of()),
                            BOB_ID, BOB_KEY, now - 60, now + 600, List.of());
                    return "GET /" + key + " HTTP/1.1\r\nHost: " + HOST + "\r\nAuthorization: " + auth
                            + "\r\nConnection: close\r\n\r\n";
                }, 403, "AccessDenied", null),
                signedCase("signed Host replayed on another bucket", () -> signed("GET", HOST, "/x", "/x", Map.of(),
                        PARTNER_ID, PARTNER_KEY, -60, 600).replace("Host: " + HOST, "Host: " + PARTNER_HOST) + "\r\n",
                        403, "SignatureDoesNotMatch", null),
                new Case("repeated Authorization", () -> bobGet(key, a -> a).replace("Connection: close\r\n",
                        "Authorization: q-sign-algorithm=sha1\r\nConnection: close\r\n"), 400, "InvalidRequest", null,
                        true),
                signedCase("Authorization and a query signature", () -> {
                    String head = bobGet(key, a -> a);
                    return head.replace("GET /" + key + " ", "GET /" + key + "?q-sign-algorithm=sha1&q-ak=" + BOB_ID
                            + " ");
                }, 400, "InvalidArgument", null),
                signedCase("repeated x-cos-copy-source", () -> signed("PUT", HOST, "/dave/copy.txt", "/dave/copy.txt",
                        Map.of(), DAVE_ID, DAVE_KEY, -60, 600) + "x-cos-copy-source: " + HOST + "/public/a.txt\r\n"
                        + "x-cos-copy-source: " + HOST + "/secret/x\r\nContent-Length: 0\r\n\r\n", 400,
                        "InvalidArgument", null),
                signedCase("repeated Content-MD5", () -> signed("PUT", HOST, "/dave/md5.txt", "/dave/md5.txt",
                        Map.of(), DAVE_ID, DAVE_KEY, -60, 600) + "Content-MD5: a\r\nContent-MD5: b\r\n"
                        + "Content-Length: 0\r\n\r\n", 400, "InvalidArgument", null),
                signedCase("repeated x-cos-security-token", () -> bobGet(key, a -> a).replace("Connection: close",
                        "x-cos-security-token: a\r\nx-cos-security-token: b\r\nConnection: close"), 400,
                        "InvalidArgument", null),
                signedCase("copy from a denied source (x-cos-copy-source)", () -> signed("PUT", HOST,
                        "/dave/copy.txt", "/dave/copy.txt", Map.of("x-cos-copy-source", HOST + "/secret/x"), DAVE_ID,
                        DAVE_KEY, -60, 600) + "Content-Length: 0\r\n\r\n", 403, "AccessDenied", null),
                signedCase("spoofed X-Forwarded-For from an untrusted peer", () -> signed("GET", HOST,
                        "/private/obj.txt", "/private/obj.txt", Map.of(), ERIN_ID, ERIN_KEY, -60, 600)
                        + "X-Forwarded-For: 10.1.2.3\r\nX-Real-IP: 10.1.2.3\r\nForwarded: for=10.1.2.3\r\n\r\n", 403,
                        "AccessDenied", null),
                signedCase("dave: // before a denied prefix", () -> signed("GET", HOST, "//secret/x", "//secret/x",
                        Map.of(), DAVE_ID, DAVE_KEY, -60, 600) + "\r\n", 400, "InvalidArgument", null),
                signedCase("dave: // inside a denied prefix", () -> signed("GET", HOST, "/secret//x", "/secret//x",
                        Map.of(), DAVE_ID, DAVE_KEY, -60, 600) + "\r\n", 403, "AccessDenied", null),
                signedCase("dave: %2F before a denied prefix", () -> signed("GET", HOST, "//secret/x", "/%2Fsecret/x",
                        Map.of(), DAVE_ID, DAVE_KEY, -60, 600) + "\r\n", 400, "InvalidArgument", null),
                signedCase("repeated x-cos-meta", () -> signed("PUT", HOST, "/dave/meta.txt", "/dave/meta.txt",
                        Map.of(), DAVE_ID, DAVE_KEY, -60, 600) + "x-cos-meta-a: 1\r\nx-cos-meta-a: 2\r\n"
                        + "Content-Length: 0\r\n\r\n", 400, "InvalidArgument", null),
                signedCase("repeated x-cos-acl", () -> signed("PUT", HOST, "/dave/acl.txt", "/dave/acl.txt",
                        Map.of(), DAVE_ID, DAVE_KEY, -60, 600) + "x-cos-acl: private\r\nx-cos-acl: public-read\r\n"
                        + "Content-Length: 0\r\n\r\n", 400, "InvalidArgument", null),
                signedCase("repeated x-cos-storage-class", () -> signed("PUT", HOST, "/dave/sc.txt", "/dave/sc.txt",
                        Map.of(), DAVE_ID, DAVE_KEY, -60, 600) + "x-cos-storage-class: STANDARD\r\n"
                        + "x-cos-storage-class: ARCHIVE\r\nContent-Length: 0\r\n\r\n", 400, "InvalidArgument", null),
                signedCase("erin from loopback reads local/*", () -> signed("GET", HOST, "/local/ip.txt",
                        "/local/ip.txt", Map.of(), ERIN_ID, ERIN_KEY, -60, 600) + "\r\n", 200, null, "local/ip.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"pathTricks", "hostConfusion", "smuggling", "identityAndSignatures"})
    void eachHostileRequestGetsItsAnswerAndOnlyAllowedKeysReachTheUpstream(Case c) throws Exception {
        int rejectedBefore = FRAMING_REJECTIONS.get();
        RawHttp.Reply reply;
        boolean closed;
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send(c.raw().call());
            if (c.body() != null) {
                assertThat(http.awaitContinue()).as("100 Continue").isTrue();
                http.send(c.body());
            }
            reply = http.read();
            closed = http.closedByPeer();
        }
        assertThat(reply).as("an answer").isNotNull();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(c.status());
        assertThat(reply.code()).as(reply.toString()).isEqualTo(c.code());
        assertThat(reply.headers()).containsKey("x-cos-request-id");
        assertThat(reply.body()).doesNotContain(SECRET);
        if (c.closes()) {
            assertThat(reply.headers()).containsEntry("connection", "close");
            assertThat(closed).as("closed after a framing error").isTrue();
        }
        assertThat(FRAMING_REJECTIONS.get() - rejectedBefore).as("framing rejections counted")
                .isEqualTo(c.closes() ? 1 : 0);
        if (c.upstream() == null) {
            assertThat(relay.requests()).as("nothing reaches the upstream").isEmpty();
        } else {
            List<RecordingUpstream.Seen> seen = relay.awaitRequests(1);
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).decodedPath()).isEqualTo(c.upstream());
            // The client's credentials stay at the gateway: the upstream sees only the route's own signature.
            assertThat(seen.get(0).requestLine()).doesNotContain("q-sign").doesNotContain("q-ak");
            assertThat(seen.get(0).header("authorization")).singleElement().asString().startsWith("AWS4-HMAC-SHA256 ");
        }
    }

    @Test
    void aBodyBrokenAfterAnAllowedHeadLeavesNoObject() throws Exception {
        String put = signed("PUT", HOST, "/private/broken.txt", "/private/broken.txt", Map.of(), BOB_ID, BOB_KEY,
                -60, 600) + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n";
        try (RawHttp http = new RawHttp(gateway.port())) {
            assertThat(http.send(put).awaitContinue()).isTrue();
            RawHttp.Reply reply = http.send("5\r\nhello\r\n3\nabc\r\n0\r\n\r\n").read();
            assertThat(reply.code()).isEqualTo("InvalidRequest");
        }
        assertThat(RawHttp.exchange(gateway.port(), bobGet("private/broken.txt", a -> a)).code())
                .isEqualTo("NoSuchKey");
    }

    @Test
    void aBrokenBodyAfterARefusalGetsNoSecondAnswer() throws Exception {
        // The refusal is written at once; the broken chunk that follows only closes the connection, since a
        // second response would be taken for the answer to the client's next request.
        try (RawHttp http = new RawHttp(gateway.port())) {
            RawHttp.Reply reply = http.send("POST /secret.txt HTTP/1.1\r\nHost: " + HOST
                    + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n").read();
            assertThat(reply.code()).isEqualTo("AccessDenied");
            assertThat(http.read()).isNull();
        }
    }

    @Test
    void aPipelinedRequestWithBrokenFramingIsAnsweredAfterTheOneBeforeIt() throws Exception {
        // Its 400 used to be written at once, ahead of the first request's 200, which was then lost.
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send("GET /public/big.txt HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n"
                    + "GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\nHost: " + HOST + "\r\n\r\n");
            RawHttp.Reply first = http.read();
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("b".repeat(100_000));
            RawHttp.Reply second = http.read();
            assertThat(second.status()).isEqualTo(400);
            assertThat(second.body()).contains("repeated Host header");
            assertThat(http.closedByPeer()).isTrue();
        }
    }

    @Test
    void plusAndSpaceAreDifferentKeysEndToEnd() throws Exception {
        assertThat(RawHttp.exchange(gateway.port(), get("/public/a+b.txt")).body()).isEqualTo("plus");
        assertThat(RawHttp.exchange(gateway.port(), get("/public/a%20b.txt")).body()).isEqualTo("space");
        assertThat(RawHttp.exchange(gateway.port(), get("/public/a%2Bb.txt")).body()).isEqualTo("plus");
    }

    @Test
    void smuggledRequestsInAnAcceptedBodyStayBody() throws Exception {
        // Valid but unusual framing (tab before the value, upper case, a chunk extension): the
        // body, which holds a request for a secret, goes upstream as the body of the one request.
        String smuggled = "GET /secret.txt HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n";
        String chunks = Integer.toHexString(smuggled.length()) + ";ext=\"x\"\r\n" + smuggled + "\r\n0\r\n\r\n";
        for (String te : List.of("Transfer-Encoding:\tchunked", "Transfer-Encoding: CHUNKED")) {
            relay.clear();
            try (RawHttp http = new RawHttp(gateway.port())) {
                RawHttp.Reply reply = http.send("PUT /public/smuggle.txt HTTP/1.1\r\nHost: " + HOST + "\r\n" + te
                        + "\r\n\r\n" + chunks + get("/public/a.txt")).read();
                assertThat(reply.status()).as(te).isEqualTo(403);
                RawHttp.Reply next = http.read();
                assertThat(next).as("no second response: the denied upload's connection closes").isNull();
            }
            assertThat(relay.requests()).isEmpty();
        }
        String put = signed("PUT", HOST, "/private/smuggle.txt", "/private/smuggle.txt", Map.of(), BOB_ID, BOB_KEY,
                -60, 600).replace("Connection: close\r\n", "");
        try (RawHttp http = new RawHttp(gateway.port())) {
            RawHttp.Reply reply = http.send(put + "Transfer-Encoding:\tchunked\r\n\r\n" + chunks).read();
            assertThat(reply.status()).isEqualTo(200);
        }
        assertThat(relay.requests()).extracting(RecordingUpstream.Seen::requestLine)
                .containsExactly("PUT " + upstreamPath("private/smuggle.txt") + " HTTP/1.1");
        assertThat(RawHttp.exchange(gateway.port(), bobGet("private/smuggle.txt", a -> a)).body())
                .isEqualTo(smuggled);
    }

    @Test
    void forgedInternalAndForwardingHeadersNeverReachTheUpstream() throws Exception {
        String forged = "X-Camgate-Principal: 100000000001\r\nx-CAMGATE-decision: allow\r\n"
                + "X-Forwarded-For: 10.9.9.9\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: evil\r\n"
                + "Forwarded: for=10.9.9.9;proto=https\r\nX-Real-IP: 10.9.9.9\r\nProxy-Authorization: Basic eA==\r\n";
        String put = signed("PUT", HOST, "/dave/forged.txt", "/dave/forged.txt", Map.of(), DAVE_ID, DAVE_KEY, -60,
                600) + forged + "Content-Length: 4\r\n\r\nmine";
        assertThat(RawHttp.exchange(gateway.port(), put).status()).isEqualTo(200);
        List<RecordingUpstream.Seen> seen = relay.requests();
        assertThat(seen).hasSize(1);
        RecordingUpstream.Seen up = seen.get(0);
        assertThat(up.decodedPath()).isEqualTo(upstreamPath("dave/forged.txt"));
        assertThat(up.headers()).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("x-camgate-"))
                .noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("forwarded:"))
                .noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("proxy-authorization:"))
                .noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("x-real-ip:"));
        assertThat(up.header("x-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(up.header("x-forwarded-proto")).containsExactly("http");
        assertThat(up.header("x-forwarded-host")).isEmpty();
        // The object holds the uploaded bytes.
        assertThat(RawHttp.exchange(gateway.port(), signed("GET", HOST, "/dave/forged.txt", "/dave/forged.txt",
                Map.of(), DAVE_ID, DAVE_KEY, -60, 600) + "\r\n").body()).isEqualTo("mine");
    }

    @Test
    void oversizeRequestLinesAndHeadersAreRefusedBeforeAnyUpstream() throws Exception {
        List<String> raws = List.of(
                get("/public/" + "a".repeat(9 * 1024)),
                "GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\nX-Big: " + "b".repeat(17 * 1024) + "\r\n\r\n",
                "GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\n" + "X-Many: c\r\n".repeat(2000) + "\r\n");
        for (String raw : raws) {
            try (RawHttp http = new RawHttp(gateway.port())) {
                RawHttp.Reply reply = http.send(raw).read();
                assertThat(reply.status()).isEqualTo(400);
                assertThat(reply.code()).isEqualTo("InvalidRequest");
                assertThat(http.closedByPeer()).isTrue();
            }
        }
        assertThat(relay.requests()).isEmpty();
    }

    @Test
    void endlessHeadersEndWithA400AndAClosedConnection() throws Exception {
        try (RawHttp http = new RawHttp(gateway.port())) {
            OutputStream out = http.socket().getOutputStream();
            out.write(("GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> writeUntilRefused(out,
                    "X-Endless: 0123456789abcdef\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            RawHttp.Reply reply = http.read();
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).contains("too large");
            assertThat(http.closedByPeer()).isTrue();
            assertThat(writer.get(30, TimeUnit.SECONDS)).isLessThan(8L * 1024 * 1024);
        }
        assertThat(relay.requests()).isEmpty();
    }

    @Test
    void anEndlessDeniedBodyIsDroppedAndCutOffAtTheLingerLimit() throws Exception {
        try (RawHttp http = new RawHttp(gateway.port())) {
            OutputStream out = http.socket().getOutputStream();
            out.write(("PUT /public/endless.bin HTTP/1.1\r\nHost: " + HOST + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = ("10000\r\n" + "z".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> writeUntilRefused(out, chunk));
            RawHttp.Reply reply = http.read();
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.code()).isEqualTo("AccessDenied");
            assertThat(http.closedByPeer()).isTrue();
            long written = writer.get(60, TimeUnit.SECONDS);
            assertThat(written).isLessThan(ProxyLimits.defaults().lingerBytes() + 16L * 1024 * 1024);
        }
        assertThat(relay.requests()).isEmpty();
    }

    @Test
    void anEndlessBodyTheDecisionWaitsForIsRefusedAtItsLimit() throws Exception {
        String head = signed("POST", HOST, "/", "/?delete", Map.of(), BOB_ID, BOB_KEY, -60, 600);
        try (RawHttp http = new RawHttp(gateway.port())) {
            OutputStream out = http.socket().getOutputStream();
            out.write((head + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = ("1000\r\n" + "<".repeat(0x1000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> writeUntilRefused(out, chunk));
            RawHttp.Reply reply = http.read();
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("EntityTooLarge");
            assertThat(http.closedByPeer()).isTrue();
            writer.get(60, TimeUnit.SECONDS);
        }
        String declared = head + "Content-Length: " + (64L * 1024 * 1024 * 1024) + "\r\n\r\n";
        assertThat(RawHttp.exchange(gateway.port(), declared).code()).isEqualTo("EntityTooLarge");
        assertThat(relay.requests()).isEmpty();
    }

    @Test
    void slowClientsAreCutOffByTheHeaderAndBodyTimeouts() throws Exception {
        try (RawHttp silent = new RawHttp(gateway.port()); RawHttp trickle = new RawHttp(gateway.port())) {
            trickle.send("GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\nX-Slow: ");
            // Neither finishes a head: each is closed without an answer once the timeout passes.
            assertThat(silent.read()).isNull();
            assertThat(trickle.read()).isNull();
        }
        try (RawHttp idleAfterOne = new RawHttp(gateway.port())) {
            RawHttp.Reply first = idleAfterOne.send("GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(idleAfterOne.read()).as("an idle keep-alive connection is closed too").isNull();
        }
        String head = signed("POST", HOST, "/", "/?delete", Map.of(), BOB_ID, BOB_KEY, -60, 600);
        try (RawHttp slowBody = new RawHttp(gateway.port())) {
            RawHttp.Reply reply = slowBody.send(head + "Content-Length: 100\r\n\r\n<Delete>").read();
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("RequestTimeout");
        }
        assertThat(relay.requests()).extracting(RecordingUpstream.Seen::decodedPath)
                .containsExactly(upstreamPath("public/a.txt"));
    }

    /** Writes {@code piece} until the peer refuses more (bounded at 256 MiB); returns the bytes written. */
    private static long writeUntilRefused(OutputStream out, byte[] piece) {
        long written = 0;
        try {
            while (written < 256L * 1024 * 1024) {
                out.write(piece);
                written += piece.length;
            }
        } catch (IOException e) {
            return written;
        }
        return written;
    }
}
