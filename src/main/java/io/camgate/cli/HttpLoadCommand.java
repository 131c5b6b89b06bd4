package io.camgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.authz.Snapshot;
import io.camgate.authz.index.IndexedEngine;
import io.camgate.config.GatewaySettings;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.config.RouteSettings;
import io.camgate.loadtest.HttpCall;
import io.camgate.loadtest.HttpCallPlanner;
import io.camgate.loadtest.HttpLoad;
import io.camgate.loadtest.HttpReport;
import io.camgate.loadtest.ProgressBar;
import io.camgate.loadtest.WorkloadGenerator;
import io.camgate.loadtest.WriteCleanup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code camgate loadtest http}: sends COS-signed requests drawn from the policy set to a
 * running gateway at a constant rate, open loop, and checks every answer against the decision
 * the set predicts. When the directory has a {@code camgate.yaml}, only buckets its routes
 * authorize are asked for. Writes (PutObject, DeleteObject) are left out unless
 * {@code --allow-writes} is given; then they go under a prefix of the run's own and what they
 * wrote is removed at the end. Exits 3 when any answer contradicts the prediction, any request
 * failed, or an object written could not be removed.
 */
@Command(name = "http", mixinStandardHelpOptions = true,
        description = "Drive a running gateway at a constant rate with signed requests and check every answer.")
final class HttpLoadCommand implements Callable<Integer> {
    @Option(names = "--target", required = true, paramLabel = "URL", description = "The gateway, e.g. http://127.0.0.1:8080")
    URI target;

    @Mixin
    ConfigOption config;

    @Option(names = "--rate", required = true, paramLabel = "R", description = "Requests per second.")
    double rate;

    @Option(names = "--duration", required = true, paramLabel = "S", description = "Seconds to keep the rate.")
    double seconds;

    @Option(names = "--connections", paramLabel = "C", description = "Connections at most (default 16).")
    int connections = 16;

    @Option(names = "--timeout", paramLabel = "S", description = "Seconds one request may take (default 10).")
    double timeout = 10;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "PEM certificates to trust for an https:// target (default: the JDK's trusted authorities).")
    Path ca;

    @Option(names = "--client-ip", paramLabel = "IP",
            description = "The address the gateway sees this driver connect from (default 127.0.0.1).")
    String clientIp = "127.0.0.1";

    @Mixin
    SeedOption seed;

    @Option(names = "--json", description = "Print one JSON object instead of text; no progress bar.")
    boolean json;

    @Mixin
    ReportOption reportOption;

    @Option(names = "--allow-writes", description = "Also send the mix's writes (PutObject, DeleteObject), under a "
            + "prefix of this run's own (camgate-loadtest/RUN/), and remove what they wrote at the end.")
    boolean allowWrites;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        InetSocketAddress address = address();
        if (!(rate > 0) || !(seconds > 0) || connections < 1 || !(timeout > 0)) {
            throw new ParameterException(spec.commandLine(),
                    "--rate, --duration, --connections and --timeout must be positive");
        }
        PrintWriter err = spec.commandLine().getErr();
        Snapshot snapshot = config.load(err);
        if (snapshot == null) {
            return 1;
        }
        long s = seed.value();
        Duration length = Duration.ofMillis(Math.round(seconds * 1000));
        Duration perRequest = Duration.ofMillis(Math.round(timeout * 1000));
        boolean secure = target.getScheme().equalsIgnoreCase("https");
        SslContext tls;
        try {
            tls = secure ? (ca == null ? SslContextBuilder.forClient() : SslContextBuilder.forClient().trustManager(
                    ca.toFile())).build() : null;
        } catch (SSLException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--ca " + ca + ": " + e.getMessage());
        }
        Clock clock = Clock.systemUTC();
        String writePrefix = allowWrites ? "camgate-loadtest/" + Long.toString(clock.millis(), 36) + "/" : null;
        HttpCallPlanner planner = new HttpCallPlanner(snapshot, new IndexedEngine(snapshot), clientIp, secure,
                clock, length.plus(perRequest).toSeconds() + 600, writePrefix);
        Predicate<String> served = b -> true;
        if (GatewaySettingsLoader.present(config.dir)) {
            GatewaySettings settings = config.loadSettings(err);
            if (settings == null) {
                return 1;
            }
            Set<String> routed = settings.routes().stream().filter(RouteSettings::authorize)
                    .flatMap(r -> r.buckets().stream()).collect(Collectors.toSet());
            served = routed::contains;
        }
        List<HttpCall> calls = planner.plan(WorkloadGenerator.generate(snapshot, s), served);
        if (calls.isEmpty()) {
            err.println("no request of the mix can be sent over HTTP: no caller with an active key, or no bucket"
                    + " that a route of camgate.yaml authorizes");
            return 2;
        }
        HttpLoad load;
        try {
            load = new HttpLoad(calls, s, rate, length);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        HttpReport report;
        try (AutoCloseable bar = ProgressBar.start(!json && ProgressBar.stderrIsTerminal(), err, load::progress,
                load::completed, "requests")) {
            report = load.run(address, connections, perRequest, tls);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        WriteCleanup.Outcome cleanup = allowWrites
                ? WriteCleanup.run(planner, load.written(), address, perRequest, tls) : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = JsonMapper.builder().build();
            ObjectNode node = mapper.createObjectNode();
            node.put("target", target.toString());
            node.put("seed", s);
            node.put("rate", rate);
            node.put("distinctRequests", calls.size());
            ObjectNode writes = node.putObject("writes");
            writes.put("allowed", allowWrites);
            if (cleanup == null) {
                planner.leftOutWrites().forEach(writes.putObject("leftOut")::put);
            } else {
                writes.put("prefix", writePrefix);
                writes.put("written", cleanup.written());
                writes.put("removed", cleanup.removed());
                cleanup.left().forEach(writes.putArray("left")::add);
            }
            node.setAll(report.toJson(mapper));
            out.println(node);
        } else {
            out.printf(Locale.ROOT, "camgate loadtest http: %s at %.1f/s for %.1f s, seed %d, %d distinct requests%n",
                    target, rate, seconds, s, calls.size());
            out.println(writesLine(planner, writePrefix, cleanup));
            if (cleanup != null) {
                cleanup.left().forEach(l -> out.println("  left behind: " + l));
            }
            out.print(report.toText());
        }
        out.flush();
        reportOption.write(String.format(Locale.ROOT, "%s at %.1f/s for %.1f s, seed %d, %d distinct requests", target,
                rate, seconds, s, calls.size()), report.toText(), 4,
                facts -> load.reportData(report, facts), err);
        boolean leftBehind = cleanup != null && !cleanup.left().isEmpty();
        return report.mismatchCount() > 0 || report.errors() > 0 || leftBehind ? 3 : 0;
    }

    private static String writesLine(HttpCallPlanner planner, String prefix, WriteCleanup.Outcome cleanup) {
        if (cleanup == null) {
            Map<String, Long> leftOut = planner.leftOutWrites();
            return "writes left out (--allow-writes sends them): " + (leftOut.isEmpty() ? "none in the mix"
                    : leftOut.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
        return "writes under " + prefix + ": " + cleanup.written() + " objects written, " + cleanup.removed()
                + " removed at the end";
    }

    private InetSocketAddress address() {
        String scheme = target.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || target.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--target is http://HOST[:PORT] or https://HOST[:PORT]");
        }
        int port = target.getPort() >= 0 ? target.getPort() : scheme.equalsIgnoreCase("https") ? 443 : 80;
        return new InetSocketAddress(target.getHost(), port);
    }
}
