package io.camgate.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.camgate.config.ConfigEdit;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The descriptions CAM keeps beside each custom policy, in {@code policy-descriptions.yaml}
 * (policy name → text): a policy file holds only the CAM document, whose grammar has no room
 * for one. The gateway never reads this file to decide anything.
 */
final class PolicyDescriptions {
    static final String FILE = "policy-descriptions.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    private PolicyDescriptions() {
    }

    /** The descriptions as {@code edit} would leave them; a missing or unreadable file is none. */
    static TreeMap<String, String> read(ConfigEdit edit) throws IOException {
        Optional<String> text = edit.text(FILE);
        if (text.isEmpty() || text.get().isBlank()) {
            return new TreeMap<>();
        }
        TreeMap<String, String> map = YAML.readValue(text.get(), MAP);
        return map == null ? new TreeMap<>() : map;
    }

    /** Stages {@code descriptions} into {@code edit}. */
    static void write(ConfigEdit edit, Map<String, String> descriptions) throws IOException {
        edit.putText(FILE, "# Policy descriptions (policy name: text), kept for the CAM API.\n"
                + YAML.writeValueAsString(new TreeMap<>(descriptions)));
    }
}
