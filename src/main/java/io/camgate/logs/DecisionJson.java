package io.camgate.logs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.camgate.authz.Decision;
import io.camgate.authz.StatementRef;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of a decision, shared by {@code camgate explain}, {@code POST /v1/authorize} and the decision log:
 * {@code {"decision":"allow","reason":"allowed","statements":[{"policy":"p","source":"user","statement":0,"effect":"allow"}]}}.
 */
public final class DecisionJson {
    private DecisionJson() {
    }

    /** The decision as JSON. */
    public static ObjectNode of(ObjectMapper mapper, Decision decision) {
        try (TokenBuffer tokens = new TokenBuffer(mapper, false)) {
            tokens.writeStartObject();
            writeFields(tokens, decision);
            tokens.writeEndObject();
            return mapper.readTree(tokens.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decision's fields, into the object {@code json} is writing (the decision log's lines end with them). */
    static void writeFields(JsonGenerator json, Decision decision) throws IOException {
        json.writeStringField("decision", decision.allowed() ? "allow" : "deny");
        json.writeStringField("reason", decision.reason().label());
        json.writeArrayFieldStart("statements");
        for (StatementRef s : decision.statements()) {
            json.writeStartObject();
            json.writeStringField("policy", s.policy());
            json.writeStringField("source", s.source().label());
            json.writeNumberField("statement", s.index());
            json.writeStringField("effect", s.effect().label());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** {@code {"error": message}}. */
    public static ObjectNode error(ObjectMapper mapper, String message) {
        return mapper.createObjectNode().put("error", message);
    }
}
