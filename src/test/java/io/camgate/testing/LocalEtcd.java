package io.camgate.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real etcd (Debian's {@code etcd-server}) on free loopback ports with a temporary data
 * directory, for the store tests. It can be paused (SIGSTOP), resumed, killed and restarted on
 * the same data, all by its PID. Tests that need it are skipped, saying why, where the binary
 * is missing; {@code .ci/run} installs it.
 */
public final class LocalEtcd implements AutoCloseable {
    /** Where Debian installs the server. */
    public static final Path BINARY = Path.of("/usr/bin/etcd");

    private final Path data;
    private final int clientPort;
    private final int peerPort;
    private Process process;

    private LocalEtcd(Path data, int clientPort, int peerPort) {
        this.data = data;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
    }

    /** Starts etcd and waits until it reports healthy. */
    public static LocalEtcd start() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(BINARY), "etcd-server is not installed (apt-get install etcd-server)");
        LocalEtcd etcd = new LocalEtcd(Files.createTempDirectory("camgate-etcd-"), freePort(), freePort());
        etcd.launch();
        return etcd;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void launch() throws IOException, InterruptedException {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        process = new ProcessBuilder(List.of(BINARY.toString(), "--name", "camgate-test", "--data-dir",
                data.resolve("etcd").toString(), "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster",
                "camgate-test=" + peer, "--log-level", "warn"))
                .redirectErrorStream(true).redirectOutput(data.resolve("etcd.log").toFile()).start();
        awaitHealthy();
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("etcd exited: " + Files.readString(data.resolve("etcd.log")));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"true\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet: the next attempt blocks on connect, which is the wait
                Thread.onSpinWait();
            }
        }
        throw new IOException("etcd did not become healthy within 60 s");
    }

    /** The client URL. */
    public String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    /** Stops the process (SIGSTOP): connections stay open and nothing answers, as in a partition. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a paused process go on (SIGCONT). */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** Kills the process (SIGKILL), keeping its data. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts it again on the same data and ports, and waits until it is healthy. */
    public void restart() throws IOException, InterruptedException {
        launch();
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            signal("CONT");
            kill();
        }
        try (Stream<Path> walk = Files.walk(data)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
