package io.camgate.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real S3-compatible server for tests: s3proxy with its filesystem backend in a temporary
 * directory, run as a child process on 127.0.0.1 with SigV2/V4 authentication on. Ready when
 * its connector reports that it started; closed by killing the process.
 */
public final class S3ProxyServer implements AutoCloseable {
    /** The access key s3proxy accepts. */
    public static final String IDENTITY = "upstream-identity";
    /** The secret s3proxy accepts. */
    public static final String CREDENTIAL = "upstream-credential";

    private final Process process;
    private final int port;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private S3ProxyServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts s3proxy storing under {@code dataDir} and waits (bounded) until it listens. */
    public static S3ProxyServer start(Path dataDir) throws IOException {
        String jar = System.getProperty("camgate.s3proxy.jar", "target/s3proxy/s3proxy.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("s3proxy jar not found at " + jar + "; run the tests through Maven");
        }
        int port = freePort();
        Path conf = dataDir.resolve("s3proxy.properties");
        Path data = Files.createDirectories(dataDir.resolve("data"));
        Files.writeString(conf, String.join("\n",
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data.toAbsolutePath(),
                ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-jar", jar, "--properties", conf.toString())
                .redirectErrorStream(true).start();
        S3ProxyServer server = new S3ProxyServer(p, port);
        server.awaitStarted();
        return server;
    }

    private void awaitStarted() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        String ready = "{127.0.0.1:" + port + "}";
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    log.add(line);
                    if (line.contains("Started") && line.contains(ready)) {
                        started.complete(null);
                    }
                }
                started.completeExceptionally(new IllegalStateException("s3proxy exited: " + log));
            } catch (IOException e) {
                started.completeExceptionally(e);
            }
        }, "s3proxy-log");
        reader.setDaemon(true);
        reader.start();
        try {
            started.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("s3proxy did not start: " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URI, {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
