package io.camgate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real command-line client (awscli, rclone, s3cmd) run as a child process: a clean
 * environment (no proxy variables, no credentials or settings of the machine's user: HOME is a
 * directory of the test's), output captured in files, and a bounded run time.
 */
public final class ClientCommand {
    private static final List<String> DEBIAN_BIN = List.of("/usr/bin", "/bin");

    private final Path binary;
    private final Path home;
    private final Map<String, String> environment;
    private final Duration timeout;

    /** What one run printed and how it ended. */
    public record Result(List<String> command, int exit, String out, String err) {
        /** True when the command exited 0. */
        public boolean ok() {
            return exit == 0;
        }

        /** This result, after checking that the command exited 0. */
        public Result succeeded() {
            if (!ok()) {
                throw new AssertionError("expected success: " + this);
            }
            return this;
        }

        /** This result, after checking that the command failed and printed {@code text}. */
        public Result failedWith(String text) {
            if (ok() || !(out + err).contains(text)) {
                throw new AssertionError("expected a failure naming " + text + ": " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private ClientCommand(Path binary, Path home, Map<String, String> environment, Duration timeout) {
        this.binary = binary;
        this.home = home;
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    /**
     * The Debian package's {@code name} (what {@code scripts/test.sh} installs), else the first
     * on the PATH; empty when neither exists.
     */
    public static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(DEBIAN_BIN);
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * {@link #find(String)}, or the calling test class skipped with a message that names the
     * Debian package when the client is not installed (CI installs it through scripts/test.sh).
     */
    public static Path require(String name, String debianPackage) {
        Optional<Path> binary = find(name);
        Assumptions.assumeTrue(binary.isPresent(), () -> name + " is not installed (apt-get install " + debianPackage
                + "; scripts/test.sh does)");
        return binary.get();
    }

    /** {@code binary} run with HOME = {@code home}, the extra {@code environment}, each run at most {@code timeout}. */
    public static ClientCommand of(Path binary, Path home, Map<String, String> environment, Duration timeout) {
        return new ClientCommand(binary, home, environment, timeout);
    }

    /** Runs the command with {@code arguments}; a run that outlives the timeout is killed and fails the test. */
    public Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // Only what the client needs: no http(s)_proxy, no AWS_* of the machine, no user config.
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", home.toString());
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("TZ", "UTC");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " ran longer than " + timeout + ":\n"
                    + text(out) + text(err));
        }
        Result result = new Result(command, process.exitValue(), text(out), text(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
