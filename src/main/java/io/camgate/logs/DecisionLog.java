package io.camgate.logs;

import com.fasterxml.jackson.core.JsonGenerator;
import io.camgate.authz.Decision;
import io.camgate.authz.Need;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The decision log: one JSON line for every denial and for a share of allows, with the request
 * id, the snapshot that decided (its generation and its content revision, so that lines from
 * several replicas can be told apart by what they decided with), the principal, each action and resource the
 * request needed, the condition context the decision saw, the decision, the reason and the
 * deciding statements. Such a line is a request {@code camgate loadtest diff --requests} replays
 * as it stands. A decision holds no secret, and nothing else is written, so no signature, token
 * or key reaches it. Lines carry the logger name {@code camgate.decisions} and the message
 * {@code decision}, and go through a {@link LogWriter}.
 */
public final class DecisionLog {
    /** The value of a line's {@code logger} field. */
    public static final String LOGGER = "camgate.decisions";

    private volatile double allowSampling;
    private final LogWriter writer;
    private final AtomicLong allows = new AtomicLong();

    /**
     * @param allowSampling the share of allows logged, from 0 (none) to 1 (all); allows are
     *                      counted, not drawn at random, so 0.25 logs exactly every fourth
     * @param writer        encodes and writes the lines
     */
    public DecisionLog(double allowSampling, LogWriter writer) {
        this.writer = writer;
        allowSampling(allowSampling);
    }

    /** From now on, a share {@code share} of allows is logged (camgate.yaml changed it). */
    public void allowSampling(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("allow sampling is from 0 to 1, not " + share);
        }
        this.allowSampling = share;
    }

    /** Each line encoded on the caller's thread and handed to {@code lines}. */
    public DecisionLog(double allowSampling, Consumer<String> lines) {
        this(allowSampling, LogWriter.direct(lines));
    }

    /**
     * Records one decision; cheap (a counter) for an allow that is not sampled, and the line is
     * encoded on the writer's thread (the arguments are immutable).
     *
     * @param generation the generation of the snapshot that decided
     * @param revision   that snapshot's revision, null for none
     */
    public void record(String requestId, long generation, String revision, Principal principal, List<Need> needs,
            ConditionContext context, Decision decision) {
        if (decision.allowed() && !sampled()) {
            return;
        }
        writer.write(new Line(requestId, generation, revision, principal, needs, context, decision));
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

    /** One decision as the writer's thread encodes it. */
    private record Line(String requestId, long generation, String revision, Principal principal, List<Need> needs,
            ConditionContext context, Decision decision) implements LogLine {
        @Override
        public void encode(LineEncoder out) throws IOException {
            JsonGenerator json = out.begin(LOGGER, "decision");
            json.writeStringField("requestId", requestId);
            // the generation orders one process's snapshots, the revision names their content on every replica
            json.writeObjectFieldStart("snapshot");
            json.writeNumberField("generation", generation);
            if (revision != null) {
                json.writeStringField("revision", revision);
            }
            json.writeEndObject();
            json.writeStringField("principal", principal.uin() == null ? "anonymous" : principal.uin());
            json.writeArrayFieldStart("needs");
            for (Need n : needs) {
                json.writeStartObject();
                json.writeStringField("action", n.action());
                json.writeStringField("resource", n.resource().text());
                json.writeEndObject();
            }
            json.writeEndArray();
            // the condition keys the decision saw, so that `camgate loadtest diff` can replay the line
            json.writeObjectFieldStart("context");
            for (Map.Entry<String, List<String>> key : context.asMap().entrySet()) {
                json.writeArrayFieldStart(key.getKey());
                for (String value : key.getValue()) {
                    json.writeString(value);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            DecisionJson.writeFields(json, decision);
        }
    }
}
