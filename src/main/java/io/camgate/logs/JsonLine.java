package io.camgate.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes one log record as one line of JSON. */
final class JsonLine {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLine() {
    }

    static ObjectNode start() {
        return MAPPER.createObjectNode();
    }

    static String text(ObjectNode record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }
}
