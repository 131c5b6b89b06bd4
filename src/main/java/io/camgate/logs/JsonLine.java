package io.camgate.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;

/** The fields of one log record, and how they reach a logger as top-level JSON fields. */
final class JsonLine {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLine() {
    }

    static ObjectNode start() {
        return MAPPER.createObjectNode();
    }

    /**
     * Logs each record at INFO with {@code message}, its fields beside the encoder's timestamp,
     * level and logger in the same JSON object (logback.xml's encoder writes them).
     */
    static Consumer<ObjectNode> to(Logger log, String message) {
        return fields -> log.info(Markers.appendEntries(new Fields(fields)), message);
    }

    /** The record's fields as the marker reads them, in their order, without copying them into another map. */
    private static final class Fields extends AbstractMap<String, JsonNode> {
        private final ObjectNode node;

        Fields(ObjectNode node) {
            this.node = node;
        }

        @Override
        public Set<Map.Entry<String, JsonNode>> entrySet() {
            return node.properties();
        }
    }
}
