package io.camgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.Snapshot;
import io.camgate.authz.index.SnapshotHolder;
import io.camgate.config.ConfigLoader;
import io.camgate.cos.CosRequest;
import io.camgate.cos.CosSettings;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.identity.Principal;
import io.camgate.limits.Limiter;
import io.camgate.metrics.RequestOutcome;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyParser;
import io.camgate.proxy.upstream.RouteTable;
import io.camgate.proxy.upstream.Verdict;
import io.camgate.sign.Authenticator;
import io.camgate.sign.RequestSigner;
import io.camgate.sign.SignatureRules;
import io.camgate.sign.TemporaryCredential;
import io.camgate.sign.TemporaryCredentials;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.SettableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gatekeeper's answers, from request heads signed here, on the example configuration. */
class CosGatekeeperTest {
    private static final String PEER = "127.0.0.1";
    private final Clock clock = Clock.systemUTC();

    @TempDir
    Path dir;

    private static CosGatekeeper gate(SnapshotHolder holder, Clock clock) {
        return new CosGatekeeper(new ServedConfig(holder, new RouteTable(ExampleGateway.settings(
                URI.create("http://127.0.0.1:9"), ExampleGateway.plainListener()).routes())),
                new RequestClassifier(CosSettings.DEFAULTS, clock),
                new Authenticator(SignatureRules.DEFAULTS, new TemporaryCredentials(clock), clock), new Limiter(),
                clock, RequestObserver.NONE);
    }

    /** A head for {@code method target} on {@code host}, signed by bob for the window {@code [start, end]} (null: unsigned). */
    private HttpRequest head(String method, String host, String target, Long start, Long end, Snapshot snapshot)
            throws Exception {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), target);
        head.headers().set("Host", host);
        if (start != null) {
            CosRequest view = new RequestClassifier(CosSettings.DEFAULTS, clock).classify(method, target,
                    RequestHeaders.of("Host", host), Transport.plain("127.0.0.1"), snapshot.directory());
            head.headers().set("Authorization", RequestSigner.authorization(view, ExampleGateway.BOB_ID,
                    ExampleGateway.BOB_KEY, start, end, List.of("host")));
        }
        return head;
    }

    private static Verdict.Deny denied(Verdict v) {
        assertThat(v).isInstanceOf(Verdict.Deny.class);
        return (Verdict.Deny) v;
    }

    @Test
    void signatureWindowsMapToTheirCosErrors() throws Exception {
        Snapshot snapshot = ExampleGateway.exampleSnapshot();
        CosGatekeeper gate = gate(new SnapshotHolder(snapshot), clock);
        long now = clock.millis() / 1000;
        Verdict.Deny expired = denied(gate.admit(head("GET", ExampleGateway.HOST, "/a.txt", now - 3600, now - 60,
                snapshot), PEER, null, new Exchange()));
        assertThat(expired.status().code()).isEqualTo(403);
        assertThat(expired.code()).isEqualTo("AccessDenied");
        assertThat(expired.message()).isEqualTo("Request has expired");
        Verdict.Deny early = denied(gate.admit(head("GET", ExampleGateway.HOST, "/a.txt", now + 3600, now + 7200,
                snapshot), PEER, null, new Exchange()));
        assertThat(early.code()).isEqualTo("RequestTimeTooSkewed");
        assertThat(gate.admit(head("GET", ExampleGateway.HOST, "/a.txt", now - 60, now + 600, snapshot), PEER, null, new Exchange()))
                .isInstanceOf(Verdict.Allow.class);
    }

    @Test
    void aRouteWithAuthorizationOffForwardsWithoutChecking() throws Exception {
        Snapshot snapshot = ExampleGateway.exampleSnapshot();
        var settings = ExampleGateway.settings(URI.create("http://127.0.0.1:9"), ExampleGateway.plainListener());
        var r = settings.routes().get(0);
        var open = new io.camgate.config.RouteSettings(r.name(), r.buckets(), r.hosts(), r.upstream(), r.addressing(),
                r.auth(), r.accessKey(), r.secretKey(), r.region(), false, r.maxConnections(), r.connectTimeout(),
                r.responseTimeout(), r.idleTimeout(), r.foldsKeys());
        CosGatekeeper gate = new CosGatekeeper(new ServedConfig(new SnapshotHolder(snapshot),
                new RouteTable(List.of(open))), new RequestClassifier(CosSettings.DEFAULTS, clock),
                new Authenticator(SignatureRules.DEFAULTS, new TemporaryCredentials(clock), clock), new Limiter(),
                clock, RequestObserver.NONE);
        HttpRequest unsigned = head("GET", ExampleGateway.HOST, "/hello.txt", null, null, snapshot);
        assertThat(gate.admit(unsigned, PEER, null, new Exchange())).isInstanceOf(Verdict.Allow.class);
        assertThat(gate(new SnapshotHolder(snapshot), clock).admit(unsigned, PEER, null, new Exchange()))
                .isInstanceOf(Verdict.Deny.class);
    }

    @Test
    void hostsTheGatewayCannotReadOrDoesNotRouteAreRefused() throws Exception {
        Snapshot snapshot = ExampleGateway.exampleSnapshot();
        CosGatekeeper gate = gate(new SnapshotHolder(snapshot), clock);
        Verdict.Deny foreign = denied(gate.admit(head("GET", "www.example.com", "/a.txt", null, null, snapshot),
                PEER, null, new Exchange()));
        assertThat(foreign.status().code()).isEqualTo(400);
        Verdict.Deny unrouted = denied(gate.admit(head("GET", "otherbucket-1250000001.cos.ap-shanghai.myqcloud.com",
                "/a.txt", null, null, snapshot), PEER, null, new Exchange()));
        assertThat(unrouted.status().code()).isEqualTo(404);
        assertThat(unrouted.code()).isEqualTo("NoSuchBucket");
    }

    @Test
    void anUnroutedBucketIsNamedOnlyToACallerWhoseSignatureHolds() throws Exception {
        Snapshot snapshot = ExampleGateway.exampleSnapshot();
        CosGatekeeper gate = gate(new SnapshotHolder(snapshot), clock);
        long now = clock.millis() / 1000;
        String other = "otherbucket-1250000001.cos.ap-shanghai.myqcloud.com";
        HttpRequest tampered = head("GET", other, "/a.txt", now - 60, now + 600, snapshot);
        tampered.setUri("/b.txt");
        Verdict.Deny badSignature = denied(gate.admit(tampered, PEER, null, new Exchange()));
        assertThat(badSignature.status().code()).isEqualTo(403);
        assertThat(badSignature.code()).isEqualTo("SignatureDoesNotMatch");
        Verdict.Deny expired = denied(gate.admit(head("GET", other, "/a.txt", now - 3600, now - 60, snapshot), PEER,
                null, new Exchange()));
        assertThat(expired.message()).isEqualTo("Request has expired");
        Verdict.Deny unrouted = denied(gate.admit(head("GET", other, "/a.txt", now - 60, now + 600, snapshot), PEER,
                null, new Exchange()));
        assertThat(unrouted.status().code()).isEqualTo(404);
        assertThat(unrouted.code()).isEqualTo("NoSuchBucket");
    }


    @Test
    void aSessionPolicyNarrowsATemporaryCredentialAndAnExpiredTokenIsA400() throws Exception {
        Snapshot snapshot = ExampleGateway.exampleSnapshot();
        SettableClock time = new SettableClock(Instant.now());
        TemporaryCredentials issued = new TemporaryCredentials(time);
        CosGatekeeper gate = new CosGatekeeper(new ServedConfig(new SnapshotHolder(snapshot),
                new RouteTable(ExampleGateway.settings(URI.create("http://127.0.0.1:9"),
                        ExampleGateway.plainListener()).routes())), new RequestClassifier(CosSettings.DEFAULTS, time),
                new Authenticator(SignatureRules.DEFAULTS, issued, time), new Limiter(), time, RequestObserver.NONE);
        PolicyDocument onlyPublic = PolicyParser.parse("session", "session", PolicyKind.USER,
                "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/cos:GetObject\"],"
                        + "\"resource\":[\"qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/public/*\"]}]}");
        TemporaryCredential bob = issued.issue(new Principal.SubUser("100000000012", "100000000001"),
                Duration.ofMinutes(30), onlyPublic);
        long now = time.millis() / 1000;
        java.util.function.Function<String, HttpRequest> signed = target -> {
            try {
                HttpRequest h = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
                h.headers().set("Host", ExampleGateway.HOST).set(Authenticator.TOKEN, bob.token());
                CosRequest view = new RequestClassifier(CosSettings.DEFAULTS, time).classify("GET", target,
                        RequestHeaders.of("Host", ExampleGateway.HOST), Transport.plain("127.0.0.1"),
                        snapshot.directory());
                h.headers().set("Authorization", RequestSigner.authorization(view, bob.secretId(), bob.secretKey(),
                        now - 60, now + 7200, List.of("host")));
                return h;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(gate.admit(signed.apply("/public/a.txt"), PEER, null, new Exchange())).isInstanceOf(Verdict.Allow.class);
        // bob's own policies allow this read; the credential's session policy does not.
        assertThat(denied(gate.admit(signed.apply("/a.txt"), PEER, null, new Exchange())).code()).isEqualTo("AccessDenied");

        time.advance(Duration.ofMinutes(31));
        Verdict.Deny expired = denied(gate.admit(signed.apply("/public/a.txt"), PEER, null, new Exchange()));
        assertThat(expired.status().code()).isEqualTo(400);
        assertThat(expired.code()).isEqualTo("ExpiredToken");
    }

    @Test
    void aCopyFromABucketOfAnotherRouteIsRefused() throws Exception {
        Snapshot snapshot = ExampleGateway.exampleSnapshot();
        CosGatekeeper gate = gate(new SnapshotHolder(snapshot), clock);
        long now = clock.millis() / 1000;
        HttpRequest copy = head("PUT", ExampleGateway.HOST, "/copied.txt", now - 60, now + 600, snapshot);
        copy.headers().set("x-cos-copy-source", "elsewhere-1250000001.cos.ap-shanghai.myqcloud.com/a.txt");
        // The signature did not cover the copy source header, so sign again with it present.
        CosRequest view = new RequestClassifier(CosSettings.DEFAULTS, clock).classify("PUT", "/copied.txt",
                RequestHeaders.of("Host", ExampleGateway.HOST, "x-cos-copy-source",
                        copy.headers().get("x-cos-copy-source")), Transport.plain("127.0.0.1"), snapshot.directory());
        copy.headers().set("Authorization", RequestSigner.authorization(view, ExampleGateway.ROOT_ID,
                ExampleGateway.ROOT_KEY, now - 60, now + 600, List.of("host")));
        Exchange exchange = new Exchange();
        Verdict.Deny refused = denied(gate.admit(copy, PEER, null, exchange));
        assertThat(refused.code()).isEqualTo("InvalidArgument");
        assertThat(refused.message()).contains("elsewhere-1250000001");
        // allowed by policy, refused by the route: counted as an error, not as an allow
        assertThat(refused.outcome()).isEqualTo(RequestOutcome.ERROR);
        assertThat(exchange.action()).isEqualTo("cos:PutObjectCopy");
    }

    @Test
    void theVerdictSaysHowTheRequestCounts() throws Exception {
        Snapshot snapshot = ExampleGateway.exampleSnapshot();
        CosGatekeeper gate = gate(new SnapshotHolder(snapshot), clock);
        long now = clock.millis() / 1000;
        assertThat(gate.admit(head("GET", ExampleGateway.HOST, "/a.txt", now - 60, now + 600, snapshot), PEER, null,
                new Exchange()).outcome()).isEqualTo(RequestOutcome.ALLOW);
        Verdict.Deny anonymous = denied(gate.admit(head("GET", ExampleGateway.HOST, "/hello.txt", null, null,
                snapshot), PEER, null, new Exchange()));
        assertThat(anonymous.code()).isEqualTo("AccessDenied");
        assertThat(anonymous.outcome()).isEqualTo(RequestOutcome.DENY);
        // the same code for a signature out of its window, but no policy was asked: an error
        Verdict.Deny expired = denied(gate.admit(head("GET", ExampleGateway.HOST, "/a.txt", now - 3600, now - 60,
                snapshot), PEER, null, new Exchange()));
        assertThat(expired.code()).isEqualTo("AccessDenied");
        assertThat(expired.outcome()).isEqualTo(RequestOutcome.ERROR);
    }

    @Test
    void aMultiDeleteIsDecidedOnTheSnapshotItStartedWith() throws Exception {
        Snapshot first = ExampleGateway.exampleSnapshot();
        SnapshotHolder holder = new SnapshotHolder(first);
        CosGatekeeper gate = gate(holder, clock);
        long now = clock.millis() / 1000;
        HttpRequest head = head("POST", ExampleGateway.HOST, "/?delete", now - 60, now + 600, first);
        Verdict waiting = gate.admit(head, PEER, null, new Exchange());
        assertThat(waiting).isInstanceOf(Verdict.ReadBody.class);

        holder.publish(withoutBobsPolicies(2));
        byte[] body = "<Delete><Object><Key>a.txt</Key></Object><Object><Key>b/c.txt</Key></Object></Delete>"
                .getBytes(StandardCharsets.UTF_8);
        Verdict decided = ((Verdict.ReadBody) waiting).then().admit(body);
        assertThat(decided).isInstanceOf(Verdict.Allow.class);
        assertThat(((Verdict.Allow) decided).upstreamHead().headers().get("Content-Length"))
                .isEqualTo(Integer.toString(body.length));

        Verdict later = gate.admit(head, PEER, null, new Exchange());
        assertThat(denied(((Verdict.ReadBody) later).then().admit(body)).code()).isEqualTo("AccessDenied");
        byte[] secret = "<Delete><Object><Key>secret/x</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8);
        assertThat(denied(((Verdict.ReadBody) later).then().admit(secret)).status().code()).isEqualTo(403);
    }

    @Test
    void anAnonymousMultiDeleteAlsoNeedsDeleteMultipleObjectsOnTheBucket() throws Exception {
        // 436/8289: anonymous callers need DeleteObject and DeleteMultipleObjects; signed ones DeleteObject per key
        byte[] body = "<Delete><Object><Key>tmp/a.txt</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8);
        String deleteOnly = "{\"Principal\": {\"qcs\": [\"qcs::cam::anyone:anyone\"]}, \"Effect\": \"Allow\", "
                + "\"Action\": [\"name/cos:DeleteObject\"], "
                + "\"Resource\": [\"qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/tmp/*\"]}";
        String both = deleteOnly.replace("[\"name/cos:DeleteObject\"]",
                "[\"name/cos:DeleteObject\", \"name/cos:DeleteMultipleObjects\"]")
                .replace("examplebucket-1250000001/tmp/*", "examplebucket-1250000001/*");
        for (String[] grant : new String[][] {{deleteOnly, "deny"}, {both, "allow"}}) {
            Snapshot snapshot = withBucketStatement(grant[0]);
            CosGatekeeper gate = gate(new SnapshotHolder(snapshot), clock);
            Verdict waiting = gate.admit(head("POST", ExampleGateway.HOST, "/?delete", null, null, snapshot), PEER,
                    null, new Exchange());
            Verdict decided = ((Verdict.ReadBody) waiting).then().admit(body);
            if (grant[1].equals("allow")) {
                assertThat(decided).as(grant[0]).isInstanceOf(Verdict.Allow.class);
            } else {
                assertThat(denied(decided).code()).as(grant[0]).isEqualTo("AccessDenied");
            }
        }
    }

    /** The example with one more statement in the bucket policy. */
    private Snapshot withBucketStatement(String statement) throws Exception {
        Path copy = Files.createTempDirectory(dir, "example");
        ExampleConfig.copyTo(copy);
        Path policy = copy.resolve("bucket-policies/examplebucket-1250000001.json");
        String text = Files.readString(policy);
        String changed = text.replace("\"Statement\": [", "\"Statement\": [" + statement + ",");
        assertThat(changed).isNotEqualTo(text);
        Files.writeString(policy, changed);
        return new ConfigLoader(name -> null).load(copy, 1);
    }

    /** The example with bob's policies taken away. */
    private Snapshot withoutBobsPolicies(long generation) throws Exception {
        ExampleConfig.copyTo(dir);
        String accounts = Files.readString(dir.resolve("accounts.yaml"));
        String changed = accounts.replace("policies: [QcloudCIFullAccess, ci-pass-role, cos-read-write]", "policies: []");
        assertThat(changed).isNotEqualTo(accounts);
        Files.writeString(dir.resolve("accounts.yaml"), changed);
        return new ConfigLoader(name -> null).load(dir, generation);
    }
}
