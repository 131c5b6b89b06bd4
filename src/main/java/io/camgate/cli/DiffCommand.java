package io.camgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.admin.DecisionQuery;
import io.camgate.authz.Snapshot;
import io.camgate.loadtest.DiffReport;
import io.camgate.loadtest.PolicyDiff;
import io.camgate.loadtest.Probe;
import io.camgate.logs.DecisionLog;
import java.io.BufferedReader;
import java.io.IOException;
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
import picocli.CommandLine.Spec;

/**
 * {@code camgate loadtest diff}: decides the same requests against two policy sets and lists
 * every request whose decision changes, grouped by caller and action. The requests are drawn
 * from both sets, or replayed from a file of {@code explain --batch} lines. With
 * {@code --fail-on-change} the exit status is 1 when any decision changes.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "List every request whose decision changes from one policy set to another.")
final class DiffCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The policy set in force.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "The policy set to roll out.")
    Path to;

    @Option(names = "--requests", paramLabel = "FILE",
            description = "Replay these requests (JSON lines as explain --batch reads them, or the gateway's log as it "
                    + "wrote it: its decision lines are replayed, its other lines passed over) instead of drawing a mix.")
    Path requests;

    @Mixin
    SeedOption seed;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--fail-on-change", description = "Exit 1 when any decision changes, to gate a rollout in CI.")
    boolean failOnChange;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Snapshot a = ConfigOption.load(from, err);
        Snapshot b = ConfigOption.load(to, err);
        if (a == null || b == null) {
            return 1;
        }
        List<Probe> probes;
        if (requests != null) {
            probes = replay(a, b, err);
            if (probes == null) {
                return 2;
            }
        } else {
            probes = PolicyDiff.unionOfMixes(a, b, seed.value());
        }
        DiffReport report = new DiffReport(probes.size(), new PolicyDiff(a, b).changes(probes));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = JsonMapper.builder().build();
            out.println(report.toJson(mapper));
        } else {
            out.print(report.toText());
        }
        out.flush();
        return failOnChange && !report.changes().isEmpty() ? 1 : 0;
    }

    /** The requests of the file, or null after reporting the first bad line: nothing runs on bad input. */
    private List<Probe> replay(Snapshot a, Snapshot b, PrintWriter err) throws IOException {
        ObjectMapper mapper = JsonMapper.builder().build();
        List<Probe> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(requests, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    for (JsonNode request : requestsOf(mapper.readTree(line))) {
                        DecisionQuery q = query(a, b, request);
                        out.add(new Probe(q.principal(), q.need(), q.context()));
                    }
                } catch (JsonProcessingException e) {
                    err.println(requests + " line " + number + ": not valid JSON: " + e.getOriginalMessage());
                    return null;
                } catch (IllegalArgumentException e) {
                    err.println(requests + " line " + number + ": " + e.getMessage());
                    return null;
                }
            }
        }
        return out;
    }

    /**
     * The requests of one line: an {@code explain --batch} line is one; a line of the gateway's
     * decision log ({@code camgate.decisions}) is one per action and resource it needed, with
     * the principal and condition context it was decided with; any other line of the gateway's
     * log (one with a {@code logger} field) is none, so that its whole output replays.
     */
    private static List<JsonNode> requestsOf(JsonNode line) {
        if (line != null && line.isObject() && line.has("logger")
                && !line.path("logger").asText().equals(DecisionLog.LOGGER)) {
            return List.of();
        }
        if (line == null || !line.isObject() || !line.has("needs")) {
            return List.of(line);
        }
        if (!line.path("needs").isArray()) {
            throw new IllegalArgumentException("\"needs\" is a list of {action, resource}");
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode need : line.path("needs")) {
            ObjectNode request = JsonNodeFactory.instance.objectNode();
            request.set("principal", line.get("principal"));
            request.set("action", need.get("action"));
            request.set("resource", need.get("resource"));
            request.set("context", line.get("context"));
            out.add(request);
        }
        return out;
    }

    /** Reads a request against the first set's directory, or the second's when only it knows the caller. */
    private static DecisionQuery query(Snapshot a, Snapshot b, JsonNode request) {
        try {
            return DecisionQuery.fromJson(a.directory(), request);
        } catch (IllegalArgumentException first) {
            try {
                return DecisionQuery.fromJson(b.directory(), request);
            } catch (IllegalArgumentException second) {
                throw first;
            }
        }
    }
}
