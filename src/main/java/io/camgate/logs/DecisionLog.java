package io.camgate.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.authz.Decision;
import io.camgate.authz.Need;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log: one JSON line for every denial and for a share of allows, with the request
 * id, the snapshot that decided (its generation and its content revision, so that lines from
 * several replicas can be told apart by what they decided with), the principal, each action and resource the
 * request needed, the condition context the decision saw, the decision, the reason and the
 * deciding statements. Such a line is a request {@code camgate loadtest diff --requests} replays
 * as it stands. A decision holds no secret, and nothing else is written, so no signature, token
 * or key reaches it. Lines go to the SLF4J logger {@code camgate.decisions} (message
 * {@code decision}) unless a sink is given.
 */
public final class DecisionLog {
    /** The logger, and the value of a line's {@code logger} field. */
    public static final String LOGGER = "camgate.decisions";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private volatile double allowSampling;
    private final LogWriter writer;
    private final Consumer<ObjectNode> sink;
    private final AtomicLong allows = new AtomicLong();

    /**
     * @param allowSampling the share of allows logged, from 0 (none) to 1 (all); allows are
     *                      counted, not drawn at random, so 0.25 logs exactly every fourth
     * @param writer        formats and writes the lines
     * @param sink          where lines go
     * @param revision      the revision in force (a volatile read on the caller's thread), null for none
     */
    public DecisionLog(double allowSampling, LogWriter writer, Consumer<ObjectNode> sink) {
        this.writer = writer;
        this.sink = sink;
        allowSampling(allowSampling);
    }

    /** From now on, a share {@code share} of allows is logged (camgate.yaml changed it). */
    public void allowSampling(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("allow sampling is from 0 to 1, not " + share);
        }
        this.allowSampling = share;
    }

    /** Lines written to {@code sink} on the caller's thread. */
    public DecisionLog(double allowSampling, Consumer<ObjectNode> sink) {
        this(allowSampling, LogWriter.DIRECT, sink);
    }

    /** Logs to {@code camgate.decisions} through {@code writer}, a share {@code allowSampling} of allows. */
    public static DecisionLog toSlf4j(double allowSampling, LogWriter writer) {
        return new DecisionLog(allowSampling, writer, JsonLine.to(LOG, "decision"));
    }

    /**
     * Records one decision; cheap (a counter) for an allow that is not sampled, and the line is
     * formatted on the writer's thread (the arguments are immutable).
     *
     * @param generation the generation of the snapshot that decided
     * @param revision   that snapshot's revision, null for none
     */
    public void record(String requestId, long generation, String revision, Principal principal, List<Need> needs,
            ConditionContext context, Decision decision) {
        if (decision.allowed() && !sampled()) {
            return;
        }
        writer.execute(() -> sink.accept(line(requestId, generation, revision, principal, needs, context, decision)));
    }

    /** Whether this allow is logged: the n-th allow is when n × sampling passes a whole number. */
    private boolean sampled() {
        double share = allowSampling;
        if (share == 0) {
            return false;
        }
        long n = allows.getAndIncrement();
        return (long) ((n + 1) * share) > (long) (n * share);
    }

    private static ObjectNode line(String requestId, long generation, String revision, Principal principal,
            List<Need> needs, ConditionContext context, Decision decision) {
        ObjectNode line = JsonLine.start();
        line.put("requestId", requestId);
        // the generation orders one process's snapshots, the revision names their content on every replica
        ObjectNode snapshot = line.putObject("snapshot").put("generation", generation);
        if (revision != null) {
            snapshot.put("revision", revision);
        }
        line.put("principal", principal.uin() == null ? "anonymous" : principal.uin());
        ArrayNode asked = line.putArray("needs");
        for (Need n : needs) {
            asked.addObject().put("action", n.action()).put("resource", n.resource().text());
        }
        // the condition keys the decision saw, so that `camgate loadtest diff` can replay the line
        ObjectNode keys = line.putObject("context");
        context.asMap().forEach((key, values) -> values.forEach(keys.withArray(key)::add));
        line.setAll(DecisionJson.of(JsonLine.MAPPER, decision));
        return line;
    }
}
