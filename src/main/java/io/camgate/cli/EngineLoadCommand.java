package io.camgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.authz.Snapshot;
import io.camgate.authz.index.IndexedEngine;
import io.camgate.loadtest.EngineLoad;
import io.camgate.loadtest.EngineReport;
import io.camgate.loadtest.ProgressBar;
import io.camgate.loadtest.RunBound;
import io.camgate.loadtest.Workload;
import io.camgate.loadtest.WorkloadGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code camgate loadtest engine}: decides a request mix drawn from the policy set with the
 * compiled index (the gateway's engine) on every core and reports throughput, latency
 * percentiles and decisions by reason and per action.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Decide a request mix drawn from the policy set with the in-process index, on all cores.")
final class EngineLoadCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Mixin
    SeedOption seed;

    @Option(names = "--duration", paramLabel = "S", description = "Run for S seconds (default 10 unless --requests).")
    Double seconds;

    @Option(names = "--requests", paramLabel = "N", description = "Decide N requests.")
    Long requests;

    @Option(names = "--warmup", paramLabel = "S",
            description = "Decide the mix for S seconds first, unmeasured, so the JIT has compiled the engine (default 0).")
    double warmup;

    @Option(names = "--threads", paramLabel = "T", description = "Deciding threads (default: one per core).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", description = "Print one JSON object instead of text; no progress bar.")
    boolean json;

    @Mixin
    ReportOption report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        RunBound bound = bound();
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must not be negative");
        }
        PrintWriter err = spec.commandLine().getErr();
        Snapshot snapshot = config.load(err);
        if (snapshot == null) {
            return 1;
        }
        long s = seed.value();
        long drawStart = System.nanoTime();
        Workload workload = WorkloadGenerator.generate(snapshot, s);
        long drawNanos = System.nanoTime() - drawStart;
        long t0 = System.nanoTime();
        IndexedEngine engine = new IndexedEngine(snapshot);
        engine.compileAll();
        long compileNanos = System.nanoTime() - t0;
        if (warmup > 0) {
            new EngineLoad(engine, workload, s, threads, RunBound.lasting(Duration.ofMillis(Math.round(warmup * 1000))))
                    .run();
        }
        EngineLoad load = new EngineLoad(engine, workload, s, threads, bound);
        EngineReport result;
        try (AutoCloseable bar = ProgressBar.start(!json && ProgressBar.stderrIsTerminal(), err, load::progress,
                load::completed, "decisions")) {
            result = load.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = JsonMapper.builder().build();
            ObjectNode node = mapper.createObjectNode();
            node.put("config", config.dir.toString());
            node.put("seed", s);
            node.put("warmupSeconds", warmup);
            node.put("mixMillis", drawNanos / 1_000_000);
            node.put("indexBuildMillis", compileNanos / 1_000_000);
            node.setAll(result.toJson(mapper));
            out.println(node);
        } else {
            out.printf(Locale.ROOT, "camgate loadtest engine: %s, seed %d, mix drawn in %d ms, index built in %d ms%n",
                    config.dir, s, drawNanos / 1_000_000, compileNanos / 1_000_000);
            out.print(result.toText());
        }
        out.flush();
        report.write(String.format(Locale.ROOT, "%s, seed %d, %d %s", config.dir, s, threads,
                threads == 1 ? "thread" : "threads"), result.toText(), 3, facts -> load.reportData(result, facts), err);
        return 0;
    }

    private RunBound bound() {
        if (seconds != null && requests != null) {
            throw new ParameterException(spec.commandLine(), "give --duration or --requests, not both");
        }
        try {
            if (requests != null) {
                return RunBound.requests(requests);
            }
            return RunBound.lasting(Duration.ofMillis(Math.round((seconds == null ? 10 : seconds) * 1000)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--duration and --requests must be positive");
        }
    }
}
