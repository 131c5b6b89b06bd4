package io.camgate.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A static check (threats.md §5.5, timing-safe compare): in the signature code, signatures and
 * tokens (never SecretIds, which are public) are compared only with {@code MessageDigest.isEqual}, whose time does not depend on
 * where the first difference is; never with {@code equals} or {@code Arrays.equals}.
 */
class ConstantTimeComparisonTest {
    private static final Path SIGN_SOURCES = Path.of("src/main/java/io/camgate/sign");
    private static final Pattern EARLY_EXIT = Pattern.compile(
            "Arrays\\.equals\\(|\\.equals(IgnoreCase)?\\([^)]*\\b(signature|expected|token|secretKey)\\b",
            Pattern.CASE_INSENSITIVE);

    @Test
    void signaturesAndTokensAreComparedInConstantTime() throws IOException {
        List<String> offending = new ArrayList<>();
        int constantTime = 0;
        try (Stream<Path> files = Files.list(SIGN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (EARLY_EXIT.matcher(line).find()) {
                        offending.add(file.getFileName() + ":" + (i + 1) + ": " + line.strip());
                    }
                    if (line.contains("MessageDigest.isEqual(")) {
                        constantTime++;
                    }
                }
            }
        }
        assertThat(offending).isEmpty();
        // The request signature, the POST form signature and the temporary credential's token.
        assertThat(constantTime).isGreaterThanOrEqualTo(3);
    }
}
