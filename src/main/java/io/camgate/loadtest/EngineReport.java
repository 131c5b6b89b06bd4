package io.camgate.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.authz.Reason;
import java.util.Locale;

/**
 * What an engine run measured: throughput, decision latency, decisions by reason and per
 * action, and how many callers the run reached.
 *
 * @param threads         deciding threads
 * @param distinct        distinct requests in the workload
 * @param actions         the action names, indexing {@code byAction}
 * @param byAction        per action, decisions by {@link Reason} ordinal
 * @param callersSeen     callers the run sent at least one request for
 * @param callers         callers in the workload
 * @param elapsedNanos    wall time of the run
 * @param latencies       per-decision latency in nanoseconds
 */
public record EngineReport(int threads, int distinct, String[] actions, long[][] byAction, int callersSeen,
        int callers, long elapsedNanos, Latencies latencies) {

    /** Every decision made. */
    public long requests() {
        long n = 0;
        for (long[] row : byAction) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** Decisions with {@code reason}. */
    public long count(Reason reason) {
        long n = 0;
        for (long[] row : byAction) {
            n += row[reason.ordinal()];
        }
        return n;
    }

    /** Decisions per second of wall time. */
    public double throughput() {
        return elapsedNanos == 0 ? 0 : requests() * 1e9 / elapsedNanos;
    }

    /** The report as one JSON object. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode out = mapper.createObjectNode();
        out.put("threads", threads);
        out.put("distinctRequests", distinct);
        out.put("requests", requests());
        out.put("seconds", elapsedNanos / 1e9);
        out.put("decisionsPerSecond", Math.round(throughput()));
        latencies.write(out.putObject("latencyMicros"), 1000.0);
        ObjectNode reasons = out.putObject("reasons");
        for (Reason r : Reason.values()) {
            reasons.put(r.label(), count(r));
        }
        ObjectNode perAction = out.putObject("actions");
        for (int a = 0; a < actions.length; a++) {
            ObjectNode n = perAction.putObject(actions[a]);
            long allowed = byAction[a][Reason.ROOT.ordinal()] + byAction[a][Reason.ALLOWED.ordinal()];
            long total = 0;
            for (long c : byAction[a]) {
                total += c;
            }
            n.put("requests", total);
            n.put("allow", allowed);
            n.put("deny", total - allowed);
            for (Reason r : Reason.values()) {
                n.put(r.label(), byAction[a][r.ordinal()]);
            }
        }
        ObjectNode callerNode = out.putObject("callers");
        callerNode.put("exercised", callersSeen);
        callerNode.put("total", callers);
        return out;
    }

    /** The report for people. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        long n = requests();
        out.append(String.format(Locale.ROOT, "%,d decisions in %.2f s on %d threads: %,.0f decisions/s%n", n,
                elapsedNanos / 1e9, threads, throughput()));
        out.append("latency ").append(latencies.line(1000.0, "µs")).append('\n');
        out.append(String.format(Locale.ROOT, "%,d distinct requests; %d of %d callers exercised%n", distinct,
                callersSeen, callers));
        out.append("by reason:");
        for (Reason r : Reason.values()) {
            long c = count(r);
            out.append(String.format(Locale.ROOT, "  %s %,d (%.1f%%)", r.label(), c, n == 0 ? 0 : 100.0 * c / n));
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%-40s %12s %12s %12s %12s %12s%n", "action", "requests", "root",
                "allowed", "explicit", "implicit"));
        for (int a = 0; a < actions.length; a++) {
            long[] row = byAction[a];
            out.append(String.format(Locale.ROOT, "%-40s %,12d %,12d %,12d %,12d %,12d%n", actions[a],
                    row[0] + row[1] + row[2] + row[3], row[Reason.ROOT.ordinal()], row[Reason.ALLOWED.ordinal()],
                    row[Reason.EXPLICIT_DENY.ordinal()], row[Reason.IMPLICIT_DENY.ordinal()]));
        }
        return out.toString();
    }
}
