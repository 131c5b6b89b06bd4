package io.camgate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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
 * A real S3-compatible server on loopback: s3proxy (its jar-with-dependencies, which Maven
 * fetches into {@code target/s3proxy/}) with the filesystem backend in a given directory,
 * run as a child process with SigV2/V4 authentication on. Ready when its connector reports
 * that it started; stopped by ending the process. The demo and the tests use it.
 */
public final class LocalS3Proxy implements AutoCloseable {
    /** Where Maven puts the jar. */
    public static final String DEFAULT_JAR = "target/s3proxy/s3proxy.jar";

    private final Process process;
    private final int port;
    private final boolean secure;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private LocalS3Proxy(Process process, int port, boolean secure) {
        this.process = process;
        this.port = port;
        this.secure = secure;
    }

    /**
     * Starts s3proxy and waits (at most a minute) until it listens.
     *
     * @param jar        the s3proxy jar-with-dependencies
     * @param dataDir    where it keeps its properties and objects
     * @param port       the loopback port (see {@link #freePort()})
     * @param identity   the access key it accepts, or null to accept unsigned requests
     * @param credential the secret it accepts
     */
    public static LocalS3Proxy start(Path jar, Path dataDir, int port, String identity, String credential)
            throws IOException {
        return start(jar, dataDir, port, identity, credential, null, null);
    }

    /**
     * {@link #start(Path, Path, int, String, String)} serving https only (its secure endpoint)
     * with the key and certificate of {@code keyStore}, a PKCS#12 store, when that is not null.
     */
    public static LocalS3Proxy start(Path jar, Path dataDir, int port, String identity, String credential,
            Path keyStore, String keyStorePassword) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("s3proxy jar not found at " + jar
                    + "; build with Maven first (mvn -B package -DskipTests)");
        }
        Path conf = dataDir.resolve("s3proxy.properties");
        Path data = Files.createDirectories(dataDir.resolve("data"));
        String authorization = identity == null ? "s3proxy.authorization=none"
                : String.join("\n", "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + identity,
                        "s3proxy.credential=" + credential);
        Files.writeString(conf, String.join("\n",
                authorization,
                keyStore == null ? "s3proxy.endpoint=http://127.0.0.1:" + port
                        : String.join("\n", "s3proxy.secure-endpoint=https://127.0.0.1:" + port,
                                "s3proxy.keystore-path=" + keyStore.toAbsolutePath(),
                                "s3proxy.keystore-password=" + keyStorePassword),
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data.toAbsolutePath(),
                ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        // s3proxy holds a POST Object form's whole file in memory (it OOMs on a 64 MiB form at 256 MiB).
        Process p = new ProcessBuilder(java, "-Xmx1g", "-jar", jar.toString(), "--properties", conf.toString())
                .redirectErrorStream(true).start();
        LocalS3Proxy server = new LocalS3Proxy(p, port, keyStore != null);
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

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URI, {@code http://127.0.0.1:<port>} ({@code https://} when secure). */
    public URI uri() {
        return URI.create((secure ? "https" : "http") + "://127.0.0.1:" + port);
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
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
