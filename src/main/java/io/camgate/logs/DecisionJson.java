package io.camgate.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.authz.Decision;
import io.camgate.authz.StatementRef;

/**
 * The JSON form of a decision, shared by {@code camgate explain}, {@code POST /v1/authorize} and the decision log:
 * {@code {"decision":"allow","reason":"allowed","statements":[{"policy":"p","source":"user","statement":0,"effect":"allow"}]}}.
 */
public final class DecisionJson {
    private DecisionJson() {
    }

    /** The decision as JSON. */
    public static ObjectNode of(ObjectMapper mapper, Decision decision) {
        ObjectNode out = mapper.createObjectNode();
        out.put("decision", decision.allowed() ? "allow" : "deny");
        out.put("reason", decision.reason().label());
        ArrayNode statements = out.putArray("statements");
        for (StatementRef s : decision.statements()) {
            ObjectNode n = statements.addObject();
            n.put("policy", s.policy());
            n.put("source", s.source().label());
            n.put("statement", s.index());
            n.put("effect", s.effect().label());
        }
        return out;
    }

    /** {@code {"error": message}}. */
    public static ObjectNode error(ObjectMapper mapper, String message) {
        return mapper.createObjectNode().put("error", message);
    }
}
