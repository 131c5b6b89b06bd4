package io.camgate.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.ReferenceEvaluator;
import io.camgate.authz.Snapshot;
import io.camgate.authz.index.IndexedEngine;
import io.camgate.config.ConfigLoader;
import io.camgate.cos.CosRequest;
import io.camgate.cos.CosSettings;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.identity.Principal;
import io.camgate.sign.Authentication;
import io.camgate.sign.Authenticator;
import io.camgate.sign.SignatureRules;
import io.camgate.sign.TemporaryCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpCallPlannerTest {
    @Test
    void everyPlannedCallAuthenticatesAsItsCallerAndIsPredictedAsTheReferenceDecides() throws Exception {
        Snapshot snapshot = ConfigLoader.withSystemEnvironment().load(Path.of("config"), 1);
        Clock clock = Clock.systemUTC();
        List<HttpCall> calls = new HttpCallPlanner(snapshot, new IndexedEngine(snapshot), "127.0.0.1", false, clock,
                600, "camgate-loadtest/x/").plan(WorkloadGenerator.generate(snapshot, 21), bucket -> true);
        assertThat(calls).isNotEmpty();
        RequestClassifier classifier = new RequestClassifier(CosSettings.DEFAULTS, clock);
        Authenticator authenticator = new Authenticator(SignatureRules.DEFAULTS, new TemporaryCredentials(clock), clock);
        ReferenceEvaluator oracle = new ReferenceEvaluator(snapshot);
        for (HttpCall call : calls) {
            CosRequest request = classifier.classify(call.method(), call.target(),
                    RequestHeaders.of(call.headers().toArray(String[]::new)), Transport.plain("127.0.0.1"),
                    snapshot.directory());
            Authentication auth = authenticator.authenticate(new ClassifiedRequest(request), snapshot.directory());
            Principal who = auth.principal();
            assertThat(who.uin() == null ? "anonymous" : who.uin()).as(call.line()).isEqualTo(call.caller());
            assertThat(auth.isAnonymous()).isEqualTo(call.caller().equals("anonymous"));
            assertThat(oracle.decideAll(who, request.needs(), request.conditions()).allowed()).as(call.line())
                    .isEqualTo(call.allowed());
        }
        assertThat(calls).anySatisfy(c -> assertThat(c.allowed()).isTrue());
        assertThat(calls).anySatisfy(c -> assertThat(c.allowed()).isFalse());
        Set<String> callers = calls.stream().map(HttpCall::caller).collect(Collectors.toSet());
        assertThat(callers).contains("anonymous", "100000000001", "100000000014");
        assertThat(calls.stream().map(HttpCall::method).collect(Collectors.toSet())).contains("GET", "PUT", "HEAD");
    }

    @Test
    void writesAreLeftOutByDefaultAndCounted() throws Exception {
        Snapshot snapshot = ConfigLoader.withSystemEnvironment().load(Path.of("config"), 1);
        HttpCallPlanner planner = new HttpCallPlanner(snapshot, new IndexedEngine(snapshot), "127.0.0.1", false,
                Clock.systemUTC(), 600);
        List<HttpCall> calls = planner.plan(WorkloadGenerator.generate(snapshot, 21), bucket -> true);
        assertThat(calls).isNotEmpty().allSatisfy(c -> assertThat(c.method()).isIn("GET", "HEAD"));
        assertThat(planner.leftOutWrites()).containsOnlyKeys("cos:putobject", "cos:deleteobject")
                .allSatisfy((action, n) -> assertThat(n).isPositive());
    }

    @Test
    void aRunsWritesGoUnderItsPrefixAndTheRootRemovesThem() throws Exception {
        Snapshot snapshot = ConfigLoader.withSystemEnvironment().load(Path.of("config"), 1);
        Clock clock = Clock.systemUTC();
        HttpCallPlanner planner = new HttpCallPlanner(snapshot, new IndexedEngine(snapshot), "127.0.0.1", false,
                clock, 600, "camgate-loadtest/r1/");
        List<HttpCall> writes = planner.plan(WorkloadGenerator.generate(snapshot, 21), bucket -> true).stream()
                .filter(c -> c.method().equals("PUT") || c.method().equals("DELETE")).toList();
        assertThat(writes).isNotEmpty().allSatisfy(c -> assertThat(c.target()).startsWith("/camgate-loadtest/r1/"));
        assertThat(planner.leftOutWrites()).isEmpty();
        HttpCall put = writes.stream().filter(c -> c.method().equals("PUT")).findFirst().orElseThrow();
        HttpCall removal = planner.removal(put);
        assertThat(removal.method()).isEqualTo("DELETE");
        assertThat(removal.host()).isEqualTo(put.host());
        assertThat(removal.target()).isEqualTo(put.target());
        assertThat(removal.caller()).isEqualTo("100000000001");
        assertThat(removal.allowed()).isTrue();
        assertThat(removal.reason()).isEqualTo("root");
        Authenticator authenticator = new Authenticator(SignatureRules.DEFAULTS, new TemporaryCredentials(clock), clock);
        CosRequest request = new RequestClassifier(CosSettings.DEFAULTS, clock).classify(removal.method(),
                removal.target(), RequestHeaders.of(removal.headers().toArray(String[]::new)),
                Transport.plain("127.0.0.1"), snapshot.directory());
        assertThat(authenticator.authenticate(new ClassifiedRequest(request), snapshot.directory()).principal().uin())
                .isEqualTo("100000000001");
    }

    @Test
    void onlyBucketsTheGatewayServesAreAskedFor() throws Exception {
        Snapshot snapshot = ConfigLoader.withSystemEnvironment().load(Path.of("config"), 1);
        HttpCallPlanner planner = new HttpCallPlanner(snapshot, new IndexedEngine(snapshot), "127.0.0.1", false,
                Clock.systemUTC(), 600);
        Workload mix = WorkloadGenerator.generate(snapshot, 21);
        assertThat(planner.plan(mix, bucket -> true)).isNotEmpty();
        assertThat(planner.plan(mix, "examplebucket-1250000001"::equals)).isNotEmpty()
                .allSatisfy(c -> assertThat(c.host()).startsWith("examplebucket-1250000001."));
        assertThat(planner.plan(mix, bucket -> false)).isEmpty();
    }
}
