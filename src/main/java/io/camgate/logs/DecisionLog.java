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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log: one JSON line for every denial and for one in {@code allowSampling} allows,
 * with the request id, the principal, each action and resource the request needed, the decision,
 * the condition context the decision saw, the reason and the deciding statements, and the
 * revision of the configuration in force when it was recorded (so lines from several replicas can be
 * told apart by what they decided with). A decision holds no secret, and nothing else is
 * written, so no signature, token or key reaches it. Lines go to the SLF4J logger
 * {@code camgate.decisions} unless a sink is given.
 */
public final class DecisionLog {
    private static final Logger LOG = LoggerFactory.getLogger("camgate.decisions");

    private final long allowSampling;
    private final LogWriter writer;
    private final Consumer<String> sink;
    private final Supplier<String> revision;
    private final AtomicLong allows = new AtomicLong();

    /**
     * @param allowSampling log one allow in this many (1 logs all, 0 none)
     * @param writer        formats and writes the lines
     * @param sink          where lines go
     * @param revision      the revision in force (a volatile read on the caller's thread), null for none
     */
    public DecisionLog(long allowSampling, LogWriter writer, Consumer<String> sink, Supplier<String> revision) {
        if (allowSampling < 0) {
            throw new IllegalArgumentException("sampling must not be negative");
        }
        this.allowSampling = allowSampling;
        this.writer = writer;
        this.sink = sink;
        this.revision = revision;
    }

    /** Lines written to {@code sink} on the caller's thread. */
    public DecisionLog(long allowSampling, Consumer<String> sink) {
        this(allowSampling, LogWriter.DIRECT, sink, () -> null);
    }

    /**
     * Logs to {@code camgate.decisions} through {@code writer}, one allow in {@code allowSampling},
     * each line with the revision {@code revision} gives.
     */
    public static DecisionLog toSlf4j(long allowSampling, LogWriter writer, Supplier<String> revision) {
        return new DecisionLog(allowSampling, writer, LOG::info, revision);
    }

    /**
     * Records one decision; cheap (a counter) for an allow that is not sampled, and the line is
     * formatted on the writer's thread (the arguments are immutable).
     */
    public void record(String requestId, Principal principal, List<Need> needs, ConditionContext context,
            Decision decision) {
        if (decision.allowed() && (allowSampling == 0 || allows.getAndIncrement() % allowSampling != 0)) {
            return;
        }
        String inForce = revision.get();
        writer.execute(() -> sink.accept(line(requestId, inForce, principal, needs, context, decision)));
    }

    private static String line(String requestId, String revision, Principal principal, List<Need> needs,
            ConditionContext context, Decision decision) {
        ObjectNode line = JsonLine.start();
        line.put("requestId", requestId);
        if (revision != null) {
            line.put("revision", revision);
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
        return JsonLine.text(line);
    }
}
