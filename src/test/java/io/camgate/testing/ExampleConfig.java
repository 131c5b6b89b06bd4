package io.camgate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The example configuration directory ({@code config/}), copied where a test may change it. */
public final class ExampleConfig {
    private ExampleConfig() {
    }

    /** Copies {@code config/} into {@code target} (which may exist) and returns {@code target}. */
    public static Path copyTo(Path target) throws IOException {
        Path example = Path.of("config");
        try (Stream<Path> files = Files.walk(example)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(example.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }
}
