package io.camgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.admin.DecisionQuery;
import io.camgate.authz.PolicyEngine;
import io.camgate.authz.Snapshot;
import io.camgate.logs.DecisionJson;
import io.camgate.authz.index.EngineKind;
import io.camgate.authz.index.Engines;
import io.camgate.policy.ConditionContext;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code camgate explain}: one decision as JSON, or JSON lines in and out with
 * {@code --batch}. A bad batch line yields {@code {"error":"..."}} on its line and the run
 * goes on; the exit status is then 2, so that a script or CI job notices. {@code --engine}
 * picks the compiled index (the default, as the gateway decides) or the reference scan, so
 * that an answer can be checked against the oracle.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show how a request is decided, with the deciding statements.")
final class ExplainCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--principal", paramLabel = "UIN|anonymous", description = "The caller.")
    String principal;

    @Option(names = "--action", paramLabel = "ACTION", description = "e.g. name/cos:GetObject")
    String action;

    @Option(names = "--resource", paramLabel = "RESOURCE",
            description = "e.g. qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/a.txt")
    String resource;

    @Option(names = "--context", paramLabel = "KEY=VALUE",
            description = "A condition-context value; repeat a key for several values.")
    List<String> context = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "FILE|-",
            description = "Read JSON lines from FILE (or - for standard input); write one JSON line per input. "
                    + "Exits 2 when any line failed.")
    String batch;

    @Option(names = "--engine", paramLabel = "index|reference", defaultValue = "index",
            description = "Which engine decides: the compiled index (default) or the reference scan.")
    String engine;

    @Spec
    CommandSpec spec;

    private final ObjectMapper json = JsonMapper.builder().build();

    @Override
    public Integer call() throws IOException {
        if (batch == null && (principal == null || action == null || resource == null)) {
            throw new ParameterException(spec.commandLine(),
                    "give --principal, --action and --resource, or --batch FILE|-");
        }
        if (batch != null && (principal != null || action != null || resource != null || !context.isEmpty())) {
            throw new ParameterException(spec.commandLine(),
                    "--batch takes its questions from the input; drop --principal/--action/--resource/--context");
        }
        EngineKind kind = engineKind();
        Snapshot snapshot = config.load(spec.commandLine().getErr());
        if (snapshot == null) {
            return 1;
        }
        PolicyEngine decider = Engines.forSnapshot(snapshot, kind);
        if (batch != null) {
            return runBatch(snapshot, decider);
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            DecisionQuery q = DecisionQuery.of(snapshot.directory(), principal, action, resource, contextFromOptions());
            out.println(json.writeValueAsString(DecisionJson.of(json, decider.decide(q.principal(), q.need(),
                    q.context())).put("revision", snapshot.revision())));
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
    }

    /** The engine {@code --engine} asks for. */
    EngineKind engineKind() {
        return EngineKind.parse(engine).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--engine is index or reference, not \"" + engine + "\""));
    }

    private ConditionContext contextFromOptions() {
        ConditionContext.Builder b = ConditionContext.builder();
        for (String kv : context) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--context takes KEY=VALUE, not \"" + kv + "\"");
            }
            b.add(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return b.build();
    }

    private int runBatch(Snapshot snapshot, PolicyEngine engine) throws IOException {
        try (BufferedReader in = batch.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(batch), StandardCharsets.UTF_8)) {
            BufferedWriter out = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
            String line;
            long lines = 0;
            long failed = 0;
            while ((line = in.readLine()) != null) {
                ObjectNode answer = answer(snapshot, engine, line);
                lines++;
                if (answer.has("error")) {
                    failed++;
                }
                out.write(json.writeValueAsString(answer));
                out.newLine();
            }
            out.flush();
            if (failed > 0) {
                spec.commandLine().getErr().println(failed + " of " + lines + " lines failed (their answers hold "
                        + "\"error\")");
                return 2;
            }
        }
        return 0;
    }

    private ObjectNode answer(Snapshot snapshot, PolicyEngine engine, String line) {
        try {
            DecisionQuery q = DecisionQuery.fromJson(snapshot.directory(), json.readTree(line));
            return DecisionJson.of(json, engine.decide(q.principal(), q.need(), q.context()))
                    .put("revision", snapshot.revision());
        } catch (JsonProcessingException e) {
            return DecisionJson.error(json, "not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return DecisionJson.error(json, e.getMessage());
        }
    }
}
