package io.camgate.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an HTTP run measured and found.
 *
 * @param scheduled      requests the schedule called for
 * @param ended          requests that were answered or failed
 * @param unanswered     requests still open when the run gave up waiting
 * @param seconds        from the first due time to the last answer
 * @param response       response time from each request's due time, nanoseconds
 * @param service        time from leaving the queue to the answer, nanoseconds
 * @param allowedMatched predicted allowed and not refused by the gateway
 * @param deniedMatched  predicted denied and refused with a 403 {@code AccessDenied}
 * @param upstreamErrors predicted allowed and answered with a 5xx
 * @param failures       requests without an answer, by cause
 * @param mismatches     answers that contradict the prediction
 */
public record HttpReport(long scheduled, long ended, long unanswered, double seconds, Latencies response,
        Latencies service, long allowedMatched, long deniedMatched, long upstreamErrors, Map<String, Long> failures,
        List<HttpMismatch> mismatches) {

    /** Answers and failures per second over the run. */
    public double achievedRate() {
        return seconds <= 0 ? 0 : ended / seconds;
    }

    /** How many answers contradicted the prediction. */
    public long mismatchCount() {
        return mismatches.stream().mapToLong(m -> m.count().get()).sum();
    }

    /** Requests that got no answer: failures and those still open. */
    public long errors() {
        return failures.values().stream().mapToLong(Long::longValue).sum() + unanswered + upstreamErrors;
    }

    private List<HttpMismatch> sorted() {
        return mismatches.stream().sorted(Comparator.comparing((HttpMismatch m) -> m.call().caller())
                .thenComparing(m -> m.call().action()).thenComparing(m -> m.call().line())).toList();
    }

    /** The report as one JSON object. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode out = mapper.createObjectNode();
        out.put("scheduled", scheduled);
        out.put("ended", ended);
        out.put("unanswered", unanswered);
        out.put("seconds", seconds);
        out.put("achievedRate", Math.round(achievedRate() * 10) / 10.0);
        response.write(out.putObject("responseMillis"), 1e6);
        service.write(out.putObject("serviceMillis"), 1e6);
        out.put("allowedAsPredicted", allowedMatched);
        out.put("deniedAsPredicted", deniedMatched);
        out.put("upstreamErrors", upstreamErrors);
        ObjectNode f = out.putObject("failures");
        failures.forEach(f::put);
        out.put("mismatchCount", mismatchCount());
        ArrayNode list = out.putArray("mismatches");
        for (HttpMismatch m : sorted()) {
            ObjectNode n = list.addObject();
            n.put("caller", m.call().caller());
            n.put("action", m.call().action());
            n.put("request", m.call().line());
            n.put("predicted", m.call().allowed() ? "allow" : "deny");
            n.put("reason", m.call().reason());
            n.put("status", m.status());
            n.put("code", m.code());
            n.put("count", m.count().get());
        }
        return out;
    }

    /** The report for people. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%,d of %,d requests ended in %.2f s: %,.1f requests/s%n", ended,
                scheduled, seconds, achievedRate()));
        out.append("response (from due time) ").append(response.line(1e6, "ms")).append('\n');
        out.append("service (from send)      ").append(service.line(1e6, "ms")).append('\n');
        out.append(String.format(Locale.ROOT, "as predicted: %,d allowed, %,d denied; upstream 5xx %,d; unanswered %,d%n",
                allowedMatched, deniedMatched, upstreamErrors, unanswered));
        failures.forEach((why, n) -> out.append(String.format(Locale.ROOT, "failed: %,d %s%n", n, why)));
        out.append(String.format(Locale.ROOT, "%,d mismatches%n", mismatchCount()));
        for (HttpMismatch m : sorted()) {
            out.append(String.format(Locale.ROOT, "  %s %s %s: predicted %s (%s), got %d %s (x%d)%n",
                    m.call().caller(), m.call().action(), m.call().line(), m.call().allowed() ? "allow" : "deny",
                    m.call().reason(), m.status(), m.code(), m.count().get()));
        }
        return out.toString();
    }
}
