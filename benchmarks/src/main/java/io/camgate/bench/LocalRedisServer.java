package io.camgate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's redis-server for a measurement: a free loopback port, no persistence, stopped by its
 * PID when closed. Waits for the line that says it accepts connections.
 */
final class LocalRedisServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    LocalRedisServer() throws IOException {
        dir = Files.createTempDirectory("camgate-bench-redis");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains("Ready to accept connections")) {
            // skip the banner
        }
        if (line == null) {
            throw new IOException("redis-server ended before it was ready");
        }
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // the server went away
            }
        }, "redis-output");
        drain.setDaemon(true);
        drain.start();
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(dir);
    }
}
