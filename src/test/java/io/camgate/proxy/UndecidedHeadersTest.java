package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BOB_ID;
import static io.camgate.proxy.ExampleGateway.BOB_KEY;
import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.DAVE_ID;
import static io.camgate.proxy.ExampleGateway.DAVE_KEY;
import static io.camgate.proxy.ExampleGateway.HOST;
import static io.camgate.proxy.RawRequests.signed;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.RouteSettings.UpstreamAuth;
import io.camgate.proxy.upstream.ForwardedHeaders;
import io.camgate.testing.RawHttp;
import io.camgate.testing.RecordingUpstream;
import io.camgate.testing.Trials;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The second bypass class of docs/SECURITY.md: headers that change the operation reaching the
 * store undecided. bob may write {@code public/*} and anyone may read it; a copy source, grants,
 * encryption, object lock, tagging, redirects or any {@code x-amz-*}, {@code x-cos-*} or
 * {@code x-ci-*} header the gateway does not decide on are refused with 400 InvalidArgument
 * naming the header, in every route mode, for anonymous and signed callers, and nothing
 * reaches the store. A property test sends random header sets: whatever reaches the store is
 * in the allowlist, and the upstream's framing carries exactly the bytes the client sent.
 */
class UndecidedHeadersTest extends RouteModeSuite {
    /** Headers that would change what the store does, none of which the gateway decides on here. */
    private static final List<String[]> UNDECIDED = List.of(
            new String[] {"x-amz-grant-read", "id=1"},
            new String[] {"x-cos-grant-read", "id=\"100000000011\""},
            new String[] {"X-COS-GRANT-FULL-CONTROL", "id=\"100000000011\""},
            new String[] {"x-cos-tagging", "a=b"},
            new String[] {"x-amz-metadata-directive", "REPLACE"},
            new String[] {"x-cos-metadata-directive", "Replaced"},
            new String[] {"x-amz-website-redirect-location", "/secret/plan.txt"},
            new String[] {"x-cos-website-redirect-location", "/secret/plan.txt"},
            new String[] {"x-amz-server-side-encryption", "AES256"},
            new String[] {"x-cos-server-side-encryption", "AES256"},
            new String[] {"x-cos-server-side-encryption-customer-key", "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE="},
            new String[] {"x-amz-object-lock-mode", "GOVERNANCE"},
            new String[] {"x-amz-object-lock-legal-hold", "ON"},
            new String[] {"x-amz-bypass-governance-retention", "true"},
            new String[] {"x-amz-security-token", "forged"},
            // a checksum of an algorithm the gateway does not verify would reach the store unchecked
            new String[] {"x-amz-checksum-md5", "1B2M2Y8AsgTpgAmY7PhCfg=="},
            new String[] {"x-cos-some-future-header", "1"},
            new String[] {"x-ci-anything", "1"},
            new String[] {"Pic-Operations", "{\"rules\":[{\"fileid\":\"/secret/out.jpg\",\"rule\":\"imageMogr2/format/png\"}]}"});

    /** Anonymous read of public/a.txt and bob's upload to public/h.txt, both allowed as they stand; head up to the framing. */
    private static List<String> requests() {
        return List.of("GET /public/a.txt HTTP/1.1\r\nHost: " + HOST + "\r\n",
                signed("PUT", HOST, "/public/h.txt", "/public/h.txt", Map.of(), BOB_ID, BOB_KEY, -60, 600)
                        .replace("Connection: close\r\n", ""));
    }

    static Stream<Arguments> undecided() {
        List<Arguments> out = new ArrayList<>();
        for (UpstreamAuth mode : UpstreamAuth.values()) {
            for (String head : requests()) {
                for (String[] h : UNDECIDED) {
                    out.add(Arguments.of(mode, h[0], head, h[0] + ": " + h[1] + "\r\n"));
                }
                // Repeated, and beside a header that is decided.
                out.add(Arguments.of(mode, "x-amz-acl", head, "x-amz-acl: private\r\nx-amz-acl: public-read\r\n"));
            }
            // Decided only for the operations whose condition keys read them, in either spelling.
            out.add(Arguments.of(mode, "x-cos-acl", requests().get(0), "x-cos-acl: public-read\r\n"));
            out.add(Arguments.of(mode, "x-cos-storage-class", requests().get(0), "x-cos-storage-class: ARCHIVE\r\n"));
            out.add(Arguments.of(mode, "x-amz-acl", requests().get(0), "x-amz-acl: public-read\r\n"));
            out.add(Arguments.of(mode, "x-amz-storage-class", requests().get(0), "x-amz-storage-class: GLACIER\r\n"));
            out.add(Arguments.of(mode, "x-amz-tagging", requests().get(0), "x-amz-tagging: a=b\r\n"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1} on {2}")
    @MethodSource("undecided")
    void aHeaderThatCouldChangeTheOperationUndecidedIsRefusedNamingIt(UpstreamAuth mode, String name, String head,
            String header) throws Exception {
        String body = head.startsWith("PUT") ? "body" : "";
        RawHttp.Reply reply = RawHttp.exchange(modes.port(mode), head + header + "Connection: close\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("InvalidArgument");
        assertThat(reply.body()).contains("The header " + name + " ");
        assertThat(modes.relay().requests()).isEmpty();
    }

    /**
     * An S3 copy source is classified as a copy (issue 23), so it is decided like
     * {@code x-cos-copy-source}: on a GET there is no such operation (403); on dave's upload it is a
     * copy from {@code secret/plan.txt}, which dave may not read (403); beside a decided
     * {@code x-cos-copy-source} both twins are refused. None of them reaches the store. (A copy the
     * policies allow goes on: {@code S3ThroughGatewayTest}.)
     */
    static Stream<Arguments> s3CopySources() {
        List<Arguments> out = new ArrayList<>();
        for (UpstreamAuth mode : UpstreamAuth.values()) {
            for (String head : List.of(requests().get(0), davePut("/public/h.txt"))) {
                for (String name : List.of("x-amz-copy-source", "X-Amz-Copy-Source")) {
                    out.add(Arguments.of(mode, head, name + ": /" + BUCKET + "/secret/plan.txt\r\n", null));
                }
            }
            out.add(Arguments.of(mode, signed("PUT", HOST, "/public/copy.txt", "/public/copy.txt",
                    Map.of("x-cos-copy-source", HOST + "/public/a.txt"), BOB_ID, BOB_KEY, -60, 600)
                    .replace("Connection: close\r\n", ""), "x-amz-copy-source: /" + BUCKET + "/secret/plan.txt\r\n",
                    "The headers x-cos-copy-source and x-amz-copy-source are both given."));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {2} on {1}")
    @MethodSource("s3CopySources")
    void anS3CopySourceIsDecidedAsACopyAndNeverReachesTheStoreUndecided(UpstreamAuth mode, String head,
            String header, String twinMessage) throws Exception {
        String body = head.startsWith("PUT") ? "body" : "";
        RawHttp.Reply reply = RawHttp.exchange(modes.port(mode), head + header + "Connection: close\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        if (twinMessage != null) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).contains(twinMessage);
        } else if (head.startsWith("GET")) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.code()).isEqualTo("AccessDenied");
        } else {
            assertThat(reply.status()).isIn(400, 403);
        }
        assertThat(modes.relay().requests()).isEmpty();
    }

    private static String davePut(String path) {
        return signed("PUT", HOST, path, path, Map.of(), DAVE_ID, DAVE_KEY, -60, 600).replace("Connection: close\r\n", "");
    }

    @Test
    void nothingTheUndecidedHeadersAskedForHappened() throws Exception {
        String head = davePut("/public/never.txt");
        for (UpstreamAuth mode : UpstreamAuth.values()) {
            RawHttp.exchange(modes.port(mode), head + "x-amz-copy-source: /" + BUCKET
                    + "/secret/plan.txt\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        }
        assertThat(modes.stored("public/never.txt")).isNull();
    }

    /** Allowlisted headers, by how they may pass; the store sees them (translated on sigv4 routes). */
    private static final List<String[]> ALLOWED = List.of(
            new String[] {"Content-Type", "text/plain"}, new String[] {"Cache-Control", "no-cache"},
            new String[] {"Content-Disposition", "inline"}, new String[] {"Content-Encoding", "identity"},
            new String[] {"Content-Language", "en"}, new String[] {"Expires", "Thu, 01 Jan 2037 00:00:00 GMT"},
            new String[] {"x-cos-meta-colour", "blue"}, new String[] {"X-Cos-Meta-Size", "big"},
            new String[] {"If-None-Match", "\"nope\""}, new String[] {"User-Agent", "trial"},
            new String[] {"Accept", "*/*"}, new String[] {"x-cos-acl", "private"},
            new String[] {"x-cos-storage-class", "STANDARD"});
    /** Headers stores do not act on: dropped, never refused. */
    private static final List<String[]> DROPPED = List.of(
            new String[] {"X-Request-Id", "abc"}, new String[] {"traceparent", "00-0af7651916cd43dd8448eb211c80319c-"
                    + "b7ad6b7169203331-01"}, new String[] {"X-Minio-Replication-Sse", "yes"},
            new String[] {"X-Forwarded-Host", "evil"}, new String[] {"X-Camgate-Principal", "100000000001"},
            new String[] {"Forwarded", "for=10.1.1.1"}, new String[] {"Proxy-Authorization", "Basic eA=="},
            new String[] {"Keep-Alive", "timeout=5"}, new String[] {"TE", "trailers"});
    /** What the gateway writes itself, per mode, beside the allowlisted headers. */
    private static final Set<String> WRITTEN = Set.of("host", "content-length", "transfer-encoding", "x-forwarded-for",
            "x-forwarded-proto", "authorization", "x-amz-date", "x-amz-content-sha256");

    @Test
    void whateverReachesTheStoreIsAllowlistedAndFramedAsTheBytesRelayed() {
        Trials.run(120, random -> {
            UpstreamAuth mode = Trials.pick(random, UpstreamAuth.values());
            List<String[]> headers = new ArrayList<>();
            headers.addAll(distinct(random, ALLOWED, 5));
            headers.addAll(distinct(random, DROPPED, 3));
            boolean refused = random.nextInt(4) == 0;
            if (refused) {
                headers.add(random.nextInt(headers.size() + 1), Trials.pick(random, UNDECIDED));
            }
            String body = Trials.string(random, "abcXYZ\r\n0123456789", 3000);
            boolean chunked = random.nextBoolean();
            StringBuilder raw = new StringBuilder(requests().get(1));
            for (String[] h : headers) {
                raw.append(random.nextBoolean() ? h[0] : h[0].toLowerCase(Locale.ROOT)).append(':')
                        .append(random.nextBoolean() ? " " : "  ").append(h[1]).append("\r\n");
            }
            raw.append("Connection: close\r\n");
            raw.append(chunked ? "Transfer-Encoding: chunked\r\n\r\n" + chunks(random, body)
                    : "Content-Length: " + body.length() + "\r\n\r\n" + body);
            modes.relay().clear();
            RawHttp.Reply reply;
            try (RawHttp http = new RawHttp(modes.port(mode))) {
                reply = http.send(raw.toString()).read();
            }
            if (refused) {
                assertThat(reply.status()).isEqualTo(400);
                assertThat(reply.code()).isEqualTo("InvalidArgument");
                assertThat(modes.relay().requests()).isEmpty();
                return;
            }
            List<RecordingUpstream.Seen> seen = modes.relay().awaitRequests(1);
            assertThat(seen).as("one request upstream, and nothing after it (%s: %s)", mode, reply).hasSize(1);
            for (String line : seen.get(0).headers()) {
                String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
                String cos = name.startsWith("x-amz-meta-") || name.equals("x-amz-acl")
                        || name.equals("x-amz-storage-class") ? "x-cos-" + name.substring(6) : name;
                assertThat(WRITTEN.contains(name) || ForwardedHeaders.reason(cos) != null)
                        .as("%s reached the store (%s)", line, mode).isTrue();
            }
            List<String> length = seen.get(0).header("content-length");
            assertThat(seen.get(0).header("transfer-encoding")).isEqualTo(chunked ? List.of("chunked") : List.of());
            assertThat(length).isEqualTo(chunked ? List.of() : List.of(Integer.toString(body.length())));
            assertThat(modes.relay().awaitBodyLengths(1)).as("%s, chunked %s: %s", mode, chunked, reply).isEqualTo(List.of((long) body.length()));
        });
    }

    /** Up to {@code most} different entries of {@code from}: a repeated condition header is refused for that alone. */
    private static List<String[]> distinct(Random random, List<String[]> from, int most) {
        List<String[]> shuffled = new ArrayList<>(from);
        Collections.shuffle(shuffled, random);
        return shuffled.subList(0, random.nextInt(most + 1));
    }

    private static String chunks(Random random, String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int n = 1 + random.nextInt(Math.min(1000, body.length() - at));
            out.append(Integer.toHexString(n)).append("\r\n").append(body, at, at + n).append("\r\n");
            at += n;
        }
        return out.append("0\r\n\r\n").toString();
    }
}
