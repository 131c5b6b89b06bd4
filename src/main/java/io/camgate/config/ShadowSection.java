package io.camgate.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code shadow:} entry of camgate.yaml: a second configuration directory (relative to the
 * first unless absolute) whose policies are decided beside the live ones and compared.
 */
final class ShadowSection {
    private ShadowSection() {
    }

    static Optional<Path> read(YamlNode node, Path configDir) {
        String text = node.text(false);
        if (text == null) {
            return Optional.empty();
        }
        Path p = configDir.resolve(text).normalize();
        if (p.equals(configDir.normalize())) {
            node.problem("the shadow directory must not be the configuration directory itself");
            return Optional.empty();
        }
        if (!Files.isDirectory(p)) {
            node.problem("no directory " + p);
            return Optional.empty();
        }
        return Optional.of(p);
    }
}
