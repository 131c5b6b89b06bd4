package io.camgate.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A secret given in one of three ways, e.g. for {@code secretKey}: {@code secretKey} (inline),
 * {@code secretKeyFile} (a path, relative to the configuration directory, so a mounted
 * Kubernetes Secret works) or {@code secretKeyEnv} (an environment variable). The value is
 * never put in a problem message.
 */
final class SecretField {
    private SecretField() {
    }

    /** The secret {@code name} of the mapping {@code k}, or null with a problem reported on it. */
    static String read(YamlNode k, String name, Path dir, UnaryOperator<String> environment) {
        List<String> given = Stream.of(name, name + "File", name + "Env").filter(k::has).toList();
        if (given.size() != 1) {
            k.problem("give exactly one of " + name + ", " + name + "File, " + name + "Env (found " + given + ")");
            return null;
        }
        YamlNode field = k.child(given.get(0));
        String value = field.text(true);
        if (value == null) {
            return null;
        }
        String way = given.get(0).substring(name.length());
        switch (way) {
            case "File" -> {
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
            case "Env" -> {
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

    /** Whether the mapping {@code k} gives the secret {@code name} in any of the three ways. */
    static boolean given(YamlNode k, String name) {
        return k.has(name) || k.has(name + "File") || k.has(name + "Env");
    }
}
