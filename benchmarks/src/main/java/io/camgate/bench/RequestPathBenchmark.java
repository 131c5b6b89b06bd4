package io.camgate.bench;

import io.camgate.authz.PolicySet;
import io.camgate.authz.Snapshot;
import io.camgate.authz.index.Engines;
import io.camgate.authz.index.Published;
import io.camgate.cos.ClassificationException;
import io.camgate.cos.CosRequest;
import io.camgate.cos.CosSettings;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.gate.Admission;
import io.camgate.gate.DecisionObserver;
import io.camgate.gate.DecisionRecord;
import io.camgate.gate.RequestDecider;
import io.camgate.identity.AccessKey;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.KeyStatus;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.limits.Allowance;
import io.camgate.limits.Limiter;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyParser;
import io.camgate.sign.Authenticator;
import io.camgate.sign.RequestSigner;
import io.camgate.sign.SignatureRules;
import io.camgate.sign.TemporaryCredentials;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's decision on one pre-signed GET Object, as {@code benchmarks/proxy/fast.sh} sends
 * them: classify the head, verify the {@code q-*} signature, admit the sub-user (no limits) and
 * authorize it with the compiled index. The targets differ in their window (one second apart, as
 * a client signing each URL when it makes it), so each verification looks up its own SignKey.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RequestPathBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestPathBenchmark {
    private static final long NOW = 1_700_000_000L;
    private static final String ROOT = "100000000001";
    private static final String USER = "100000000011";
    private static final String APPID = "1250000000";
    private static final String BUCKET = "bench-" + APPID;
    private static final String HOST = BUCKET + ".cos.ap-beijing.myqcloud.com";
    private static final String SECRET_ID = "AKIDbenchmarkUser00000000000000000011";
    private static final String SECRET_KEY = "benchmarkUserSecretKey0000000011";
    private static final int TARGETS = 1024;

    private final RequestHeaders headers = RequestHeaders.of("Host", HOST, "User-Agent", "wrk", "Accept", "*/*");
    private final Transport transport = Transport.plain("127.0.0.1");
    private final Record record = new Record();
    private Published published;
    private RequestDecider decider;
    private String[] targets;
    private int next;

    @Setup
    public void setUp() throws ClassificationException, PolicyException {
        Directory directory = new Directory(List.of(new RootAccount(ROOT, APPID, List.of(),
                List.of(new SubUser(USER, "bob", ROOT, List.of(), List.of("read-bench"),
                        List.of(new AccessKey(SECRET_ID, SECRET_KEY, KeyStatus.ACTIVE, USER)))),
                List.of(), List.of(new Bucket(BUCKET, APPID, "ap-beijing", ROOT, null)))), Map.of());
        String policy = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"cos:GetObject\"],"
                + "\"resource\":[\"qcs::cos:ap-beijing:uid/" + APPID + ":" + BUCKET + "/bench/*\"]}]}";
        Snapshot snapshot = new Snapshot(1, "bench", directory, new PolicySet(
                Map.of("read-bench", PolicyParser.parse("read-bench", "read-bench", PolicyKind.USER, policy)), Map.of()));
        published = new Published(snapshot, Engines.forSnapshot(snapshot));
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        RequestClassifier classifier = new RequestClassifier(CosSettings.DEFAULTS, clock);
        decider = new RequestDecider(classifier, new Authenticator(SignatureRules.DEFAULTS,
                new TemporaryCredentials(clock), clock), new Limiter(), new DecisionObserver() { });
        CosRequest unsigned = classifier.classify("GET", "/bench/obj-1k", headers, transport, directory);
        targets = new String[TARGETS];
        for (int i = 0; i < TARGETS; i++) {
            long start = NOW - 60 - i;
            targets[i] = "/bench/obj-1k?" + RequestSigner.authorization(unsigned, SECRET_ID, SECRET_KEY, start,
                    start + 7200, List.of("host")).replace(";", "%3B");
        }
        for (String target : targets) {
            if (!(decide(target) instanceof Admission.Allowed)) {
                throw new IllegalStateException("not allowed: " + target);
            }
        }
    }

    /** Classify, verify, admit and authorize one pre-signed GET Object. */
    @Benchmark
    public Admission decide() {
        return decide(targets[next++ & (TARGETS - 1)]);
    }

    private Admission decide(String target) {
        try {
            CosRequest request = decider.classify(published, "GET", target, headers, transport);
            return decider.decide(published, request, target, null, 0, true, record);
        } catch (ClassificationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the proxy's exchange notes, here dropped. */
    private static final class Record implements DecisionRecord {
        @Override
        public String requestId() {
            return "bench";
        }

        @Override
        public void identify(String action, String principal) {
        }

        @Override
        public void allowance(Allowance allowance) {
        }

        @Override
        public void decidedBy(long snapshotGeneration, String snapshotRevision) {
        }

        @Override
        public long generation() {
            return 1;
        }

        @Override
        public String revision() {
            return "bench";
        }
    }
}
