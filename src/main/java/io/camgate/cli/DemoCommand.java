package io.camgate.cli;

import io.camgate.authz.Decision;
import io.camgate.authz.Snapshot;
import io.camgate.authz.StatementRef;
import io.camgate.config.ConfigLoader;
import io.camgate.config.GatewaySettings;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.config.RouteSettings;
import io.camgate.identity.AccessKey;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.PolicyException;
import io.camgate.proxy.RequestObserver;
import io.camgate.cos.CosRequest;
import io.camgate.identity.Principal;
import io.camgate.proxy.Exchange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code camgate demo}: a real S3-compatible server (s3proxy, as a child process on a free
 * loopback port with a temporary directory) behind the gateway running the example
 * configuration, wired to its operations as {@code serve} runs it (admin listener, reload,
 * limits, metrics, logs); then a handful of real signed requests as different callers, each printed
 * with its outcome and the decision's reason; then the gateway keeps serving (until Ctrl-C,
 * or not at all with {@code --exit-after-requests}) with instructions for curl and the SDK.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the gateway on the example configuration in front of a local s3proxy and show decisions.")
final class DemoCommand implements Callable<Integer> {
    private static final String BUCKET = "examplebucket-1250000001";
    private static final String HOST = BUCKET + ".cos.ap-shanghai.myqcloud.com";

    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Configuration directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--port", paramLabel = "PORT", description = "Gateway port (default: listen.port of camgate.yaml; 0: any free port).")
    Integer port;

    @Option(names = "--admin-port", paramLabel = "PORT",
            description = "Admin listener port (default: admin.port of camgate.yaml, 9090; 0: any free port).")
    Integer adminPort;

    @Option(names = "--s3proxy-jar", paramLabel = "JAR", defaultValue = LocalS3Proxy.DEFAULT_JAR,
            description = "The s3proxy jar-with-dependencies (default: ${DEFAULT-VALUE}).")
    Path s3proxyJar;

    @Option(names = "--exit-after-requests", description = "Stop after the demo requests instead of serving on.")
    boolean exitAfterRequests;

    @Mixin
    LogLevelOption logLevel;

    @Spec
    CommandSpec spec;

    /** How long a stopping demo waits for s3proxy to stop and its data to be deleted. */
    private static final Duration CLEAN_UP_DEADLINE = Duration.ofSeconds(30);

    /** Counted down once s3proxy is stopped and its data deleted. */
    private final CountDownLatch cleanedUp = new CountDownLatch(1);

    /** One demo request: who sends it, what it is, and what should come of it. */
    private record Scenario(String caption, String callerUin, DemoCall call, int expectedStatus) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Snapshot snapshot;
        GatewaySettings settings;
        try {
            snapshot = ConfigLoader.withSystemEnvironment().load(dir, 1);
            settings = new GatewaySettingsLoader(System::getenv).load(dir);
        } catch (PolicyException e) {
            e.problems().forEach(err::println);
            return 1;
        }
        RouteSettings upstreamKey = settings.routes().stream()
                .filter(r -> r.auth() == RouteSettings.UpstreamAuth.SIGV4).findFirst().orElse(null);
        if (upstreamKey == null) {
            err.println("the demo needs a sigv4 route in " + dir.resolve(GatewaySettingsLoader.FILE));
            return 1;
        }
        Path data = Files.createTempDirectory("camgate-demo-");
        out.println("Starting s3proxy (" + s3proxyJar + ") with its data in " + data + " ...");
        out.flush();
        try (LocalS3Proxy s3 = LocalS3Proxy.start(s3proxyJar, data, LocalS3Proxy.freePort(),
                upstreamKey.accessKey(), upstreamKey.secretKey())) {
            UnaryOperator<GatewaySettings> overrides = port == null ? s -> s.withUpstream(s3.uri())
                    : s -> s.withUpstream(s3.uri()).withPort(port);
            GatewaySettings demo = overrides.apply(settings);
            AtomicReference<String> lastDecision = new AtomicReference<>();
            RequestObserver printer = new RequestObserver() {
                @Override
                public void decided(Exchange exchange, CosRequest request, Principal principal, Decision decision,
                        long durationNanos) {
                    lastDecision.set(describe(decision));
                }
            };
            logLevel.applyFlag();
            try (OperatedGateway served = startOnFreePortsIfTaken(demo, overrides, printer, out)) {
                served.operations().logging().commandLineLevel(logLevel.level);
                int gatewayPort = served.gateway().port();
                int admin = served.operations().admin().port();
                out.println("camgate is serving " + served.gateway().url() + ", forwarding to s3proxy at " + s3.uri());
                out.println("admin listener: http://" + served.operations().admin().address() + ":" + admin
                        + " (/metrics, /readyz, /healthz, /admin/reload, /v1/authorize, /cam)");
                out.println();
                int failures = run(snapshot.directory(), gatewayPort, lastDecision, out);
                instructions(gatewayPort, admin, !exitAfterRequests, out);
                out.flush();
                if (exitAfterRequests) {
                    return failures == 0 ? 0 : 1;
                }
                CountDownLatch stop = new CountDownLatch(1);
                // the JVM halts as soon as its shutdown hooks return: hold it until the resources
                // below are closed, or the s3proxy child would outlive the demo
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stop.countDown();
                    awaitCleanUp();
                }, "camgate-demo-stop"));
                stop.await();
                return 0;
            }
        } finally {
            deleteTree(data);
            cleanedUp.countDown();
        }
    }

    private void awaitCleanUp() {
        try {
            cleanedUp.await(CLEAN_UP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The gateway and admin listener on the configured ports; when one is taken, those not
     * given on the command line move to free ports.
     */
    private OperatedGateway startOnFreePortsIfTaken(GatewaySettings settings, UnaryOperator<GatewaySettings> overrides,
            RequestObserver printer, PrintWriter out) throws Exception {
        try {
            return OperatedGateway.start(dir, settings, overrides, adminPort, printer, Clock.systemUTC());
        } catch (IOException e) {
            if (port != null && adminPort != null) {
                throw e;
            }
            out.println("A configured port is taken (" + e.getMessage() + "); using free ones.");
            return OperatedGateway.start(dir, port != null ? settings : settings.withPort(0), overrides,
                    adminPort != null ? adminPort : 0, printer, Clock.systemUTC());
        }
    }

    private static String describe(Decision decision) {
        StringBuilder b = new StringBuilder(decision.allowed() ? "ALLOW " : "DENY  ").append(decision.reason().label());
        for (StatementRef s : decision.statements()) {
            b.append(", ").append(s.source().name().toLowerCase(Locale.ROOT)).append(" policy ").append(s.policy())
                    .append(" statement ").append(s.index()).append(" (").append(s.effect().name().toLowerCase(Locale.ROOT))
                    .append(')');
        }
        return b.toString();
    }

    private int run(Directory directory, int gatewayPort, AtomicReference<String> lastDecision, PrintWriter out)
            throws Exception {
        String root = "100000000001";
        out.println("Setting up as the bucket owner (root account " + root + "): create the bucket and four objects.");
        List<DemoCall> setup = List.of(call("PUT", "/", ""), call("PUT", "/hello.txt", "hello from camgate\n"),
                call("PUT", "/public/logo.txt", "a public object\n"), call("PUT", "/secret/plan.txt", "top secret\n"),
                call("PUT", "/shared/report.txt", "shared with the partner account\n"));
        for (DemoCall c : setup) {
            AccessKey key = key(directory, root);
            DemoCall.Reply r = c.send(gatewayPort, key.secretId(), key.secretKey());
            if (r.status() != 200) {
                out.println("  setup " + c.method() + " " + c.path() + " failed: " + r.status() + " " + r.code());
                return 1;
            }
        }
        List<Scenario> scenarios = List.of(
                new Scenario("bob (cos-read-write) uploads notes.txt", "100000000012",
                        call("PUT", "/notes.txt", "bob was here\n"), 200),
                new Scenario("carol (QcloudCOSReadOnlyAccess) reads hello.txt", "100000000013",
                        call("GET", "/hello.txt", ""), 200),
                new Scenario("carol (read-only) tries to upload", "100000000013",
                        call("PUT", "/carol.txt", "nope\n"), 403),
                new Scenario("dave reads secret/plan.txt (deny-secret wins over his allow)", "100000000014",
                        call("GET", "/secret/plan.txt", ""), 403),
                new Scenario("erin reads over plain HTTP from loopback (policy needs office IP and TLS)", "100000000015",
                        call("GET", "/hello.txt", ""), 403),
                new Scenario("partner-reader (another account) reads shared/report.txt", "100000000021",
                        call("GET", "/shared/report.txt", ""), 200),
                new Scenario("anonymous reads public/logo.txt (bucket policy grants anyone)", null,
                        call("GET", "/public/logo.txt", ""), 200),
                new Scenario("anonymous reads hello.txt", null, call("GET", "/hello.txt", ""), 403));
        out.println();
        out.println("Requests (signed with each caller's key, sent to the gateway with the real COS Host):");
        int failures = 0;
        for (Scenario s : scenarios) {
            lastDecision.set(null);
            AccessKey key = s.callerUin() == null ? null : key(directory, s.callerUin());
            DemoCall.Reply r = key == null ? s.call().send(gatewayPort, null, null)
                    : s.call().send(gatewayPort, key.secretId(), key.secretKey());
            String decision = lastDecision.get() == null ? "no decision (" + r.code() + ")" : lastDecision.get();
            boolean asExpected = r.status() == s.expectedStatus();
            failures += asExpected ? 0 : 1;
            out.printf("  %-75s %s %s -> %d %s%n      decision: %s%s%n", s.caption(), s.call().method(),
                    s.call().path(), r.status(), r.status() == 200 ? "OK" : r.code(), decision,
                    asExpected ? "" : "   <-- UNEXPECTED, wanted " + s.expectedStatus());
        }
        return failures;
    }

    private static DemoCall call(String method, String path, String body) {
        return new DemoCall(method, HOST, path, body.getBytes(StandardCharsets.UTF_8));
    }

    private static AccessKey key(Directory directory, String uin) {
        for (RootAccount a : directory.accounts()) {
            Stream<AccessKey> keys = Stream.concat(a.keys().stream(), a.users().stream().map(SubUser::keys)
                    .flatMap(List::stream));
            AccessKey found = keys.filter(k -> k.holderUin().equals(uin) && k.isActive()).findFirst().orElse(null);
            if (found != null) {
                return found;
            }
        }
        throw new IllegalStateException("no active key for uin " + uin + " in the configuration");
    }

    private static void instructions(int port, int adminPort, boolean serving, PrintWriter out) {
        out.println();
        out.println(serving ? "Try it yourself (the gateway keeps serving until Ctrl-C):"
                : "With `camgate demo` (no --exit-after-requests) the gateway keeps serving; then try:");
        out.println("  curl -i -H 'Host: " + HOST + "' http://127.0.0.1:" + port + "/public/logo.txt   # allowed");
        out.println("  curl -i -H 'Host: " + HOST + "' http://127.0.0.1:" + port + "/hello.txt         # 403");
        out.println("  curl -s http://127.0.0.1:" + adminPort + "/metrics | grep camgate_requests    # what was served");
        out.println("  COS Java SDK: new ClientConfig(new Region(\"ap-shanghai\")) with");
        out.println("    setHttpProtocol(HttpProtocol.http) and setEndpointResolver(...) returning \"127.0.0.1:" + port
                + "\",");
        out.println("    credentials from config/accounts.yaml (e.g. bob's AKIDexampleBOB...), bucket " + BUCKET + ".");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
