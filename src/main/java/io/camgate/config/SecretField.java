package io.camgate.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A secret given in exactly one of three ways: {@code secretKey} (inline),
 * {@code secretKeyFile} (a path, relative to the configuration directory, so a mounted
 * Kubernetes Secret works) or {@code secretKeyEnv} (an environment variable). The value is
 * never put in a problem message.
 */
final class SecretField {
    private SecretField() {
    }

    /** The secret of the mapping {@code k}, or null with a problem reported on it. */
    static String read(YamlNode k, Path dir, UnaryOperator<String> environment) {
        List<String> given = Stream.of("secretKey", "secretKeyFile", "secretKeyEnv").filter(k::has).toList();
        if (given.size() != 1) {
            k.problem("give exactly one of secretKey, secretKeyFile, secretKeyEnv (found " + given + ")");
            return null;
        }
        YamlNode field = k.child(given.get(0));
        String value = field.text(true);
        if (value == null) {
            return null;
        }
        switch (given.get(0)) {
            case "secretKeyFile" -> {
                Path p = dir.resolve(value);
                try {
                    String s = Files.readString(p, StandardCharsets.UTF_8).strip();
                    if (s.isEmpty()) {
                        field.problem("the secret file " + p + " is empty");
                        return null;
                    }
                    return s;
                } catch (IOException e) {
                    field.problem("cannot read the secret file " + p + ": " + e.getClass().getSimpleName());
                    return null;
                }
            }
            case "secretKeyEnv" -> {
                String s = environment.apply(value);
                if (s == null || s.isBlank()) {
                    field.problem("the environment variable " + value + " is not set");
                    return null;
                }
                return s.strip();
            }
            default -> {
                return value;
            }
        }
    }
}
