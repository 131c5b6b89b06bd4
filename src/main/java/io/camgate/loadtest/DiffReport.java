package io.camgate.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.policy.ActionPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The changes of a {@link PolicyDiff}, grouped by caller and then by action (both sorted),
 * as text or JSON.
 *
 * @param requests how many requests were compared
 * @param changes  the requests whose answer changes
 */
public record DiffReport(int requests, List<DecisionChange> changes) {

    /** Caller → normalized action → changes, sorted. */
    public Map<String, Map<String, List<DecisionChange>>> grouped() {
        Map<String, Map<String, List<DecisionChange>>> out = new TreeMap<>();
        for (DecisionChange c : changes) {
            out.computeIfAbsent(c.probe().caller(), k -> new TreeMap<>())
                    .computeIfAbsent(ActionPattern.normalize(c.probe().need().action()), k -> new ArrayList<>())
                    .add(c);
        }
        return out;
    }

    /** How many requests would be allowed that were denied. */
    public long opened() {
        return changes.stream().filter(DecisionChange::opens).count();
    }

    /** How many requests would be denied that were allowed. */
    public long closed() {
        return changes.stream().filter(DecisionChange::closes).count();
    }

    /** The report as one JSON object. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode out = mapper.createObjectNode();
        out.put("requests", requests);
        out.put("changed", changes.size());
        out.put("opened", opened());
        out.put("closed", closed());
        ArrayNode callers = out.putArray("callers");
        grouped().forEach((caller, byAction) -> {
            ObjectNode c = callers.addObject();
            c.put("caller", caller);
            ArrayNode actions = c.putArray("actions");
            byAction.forEach((action, list) -> {
                ObjectNode a = actions.addObject();
                a.put("action", action);
                ArrayNode items = a.putArray("changes");
                for (DecisionChange change : list) {
                    ObjectNode item = items.addObject();
                    item.put("resource", change.probe().need().resource().text());
                    ObjectNode ctx = item.putObject("context");
                    change.probe().context().asMap().forEach((k, v) -> {
                        ArrayNode values = ctx.putArray(k);
                        v.forEach(values::add);
                    });
                    answer(item.putObject("from"), change.from());
                    answer(item.putObject("to"), change.to());
                }
            });
        });
        return out;
    }

    private static void answer(ObjectNode node, DecisionChange.Answer a) {
        node.put("decision", a.decision());
        node.put("reason", a.reason());
    }

    /** The report for people. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%,d of %,d requests change: %,d opened, %,d closed, %,d change reason%n",
                changes.size(), requests, opened(), closed(), changes.size() - opened() - closed()));
        grouped().forEach((caller, byAction) -> {
            out.append(caller).append('\n');
            byAction.forEach((action, list) -> {
                out.append("  ").append(action).append('\n');
                for (DecisionChange c : list) {
                    out.append("    ").append(c.probe().need().resource().text());
                    if (!c.probe().context().asMap().isEmpty()) {
                        out.append(' ').append(c.probe().context());
                    }
                    out.append(": ").append(c.from().decision()).append(" (").append(c.from().reason())
                            .append(") -> ").append(c.to().decision()).append(" (").append(c.to().reason())
                            .append(")\n");
                }
            });
        });
        return out.toString();
    }
}
