package io.camgate.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's redis-server, started for a test on a free loopback port with no persistence, and
 * stopped by its PID. {@link #pause()} and {@link #resume()} send SIGSTOP and SIGCONT, so that a
 * test sees what clients see when Redis hangs. Tests skip where redis-server is not installed
 * ({@code .ci/run} installs it).
 */
public final class LocalRedis implements AutoCloseable {
    private static final Path SERVER = Path.of("/usr/bin/redis-server");

    private final Process process;
    private final int port;

    private LocalRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts redis-server and waits for the line saying it accepts connections. */
    public static LocalRedis start(Path dir) throws Exception {
        return start(dir, freePort());
    }

    /** A loopback port nothing listens on (until a test starts something there). */
    public static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts redis-server on {@code port} and waits for the line saying it accepts connections. */
    public static LocalRedis start(Path dir, int port) throws Exception {
        assumeTrue(Files.isExecutable(SERVER), "redis-server is not installed (apt-get install redis-server)");
        Process p = new ProcessBuilder(SERVER.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true).start();
        LocalRedis redis = new LocalRedis(p, port);
        try {
            ProcessLines.follow(p, "redis-server").await(l -> l.contains("Ready to accept connections"));
        } catch (Exception e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    /** Where clients reach it. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Empties every database, so that each test starts from nothing. */
    public void flush() throws Exception {
        String out = cli("FLUSHALL");
        if (!out.strip().equals("OK")) {
            throw new IllegalStateException("redis-cli FLUSHALL: " + out);
        }
    }

    /** How many times Redis has run {@code command} (e.g. {@code eval}) since it started. */
    public long calls(String command) throws Exception {
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(cli("INFO", "commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private String cli(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
        line.addAll(List.of(command));
        Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(30, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            throw new IllegalStateException("redis-cli " + String.join(" ", command) + ": " + out);
        }
        return out;
    }

    /** Stops the server in its tracks (SIGSTOP): connections stay open and nothing answers. */
    public void pause() throws Exception {
        signal("-STOP");
    }

    /** Lets a paused server go on (SIGCONT). */
    public void resume() throws Exception {
        signal("-CONT");
    }

    private void signal(String which) throws Exception {
        Process kill = new ProcessBuilder("kill", which, Long.toString(process.pid())).start();
        if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + which + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            resume();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
