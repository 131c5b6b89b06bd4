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

    /**
     * Writes into {@code dir} a {@code camgate.yaml} whose gateway and admin listener take free
     * loopback ports and whose one route signs the example bucket's requests to {@code s3}.
     */
    public static void routeTo(Path dir, S3ProxyServer s3) throws IOException {
        routeTo(dir, s3, "");
    }

    /** {@link #routeTo(Path, S3ProxyServer)} with {@code listen} settings added to the listener's (", key: value"). */
    public static void routeTo(Path dir, S3ProxyServer s3, String listen) throws IOException {
        Files.writeString(dir.resolve("camgate.yaml"), """
                listen: {address: 127.0.0.1, port: 0%s}
                admin: {address: 127.0.0.1, port: 0}
                routes:
                  - name: s3proxy
                    buckets: [examplebucket-1250000001]
                    upstream: %s
                    auth: sigv4
                    accessKey: %s
                    secretKey: %s
                """.formatted(listen, s3.uri(), S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL));
    }
}
