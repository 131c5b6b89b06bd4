package io.camgate.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The output lines of a child process, read on a thread of their own, so that a test can wait
 * (bounded) for the line that says the process is ready, instead of sleeping.
 */
public final class ProcessLines {
    private final List<String> lines = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private boolean ended;

    private record Waiter(Predicate<String> wanted, CompletableFuture<String> found) {
    }

    private ProcessLines() {
    }

    /** Starts reading {@code process}'s standard output (with its errors, when redirected there). */
    public static ProcessLines follow(Process process, String name) {
        ProcessLines out = new ProcessLines();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.add(line);
                }
            } catch (IOException e) {
                // the process went away: treated as the end of its output
            }
            out.end();
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        return out;
    }

    private synchronized void add(String line) {
        lines.add(line);
        waiters.removeIf(w -> w.wanted().test(line) && w.found().complete(line));
    }

    private synchronized void end() {
        ended = true;
        waiters.forEach(w -> w.found().completeExceptionally(new IllegalStateException("the process ended: " + lines)));
        waiters.clear();
    }

    /** The first line (already read or still to come) that {@code wanted} accepts, waiting at most a minute. */
    public String await(Predicate<String> wanted) throws Exception {
        return await(wanted, 0);
    }

    /** How many lines were read so far: a mark for {@link #await(Predicate, int)}. */
    public synchronized int mark() {
        return lines.size();
    }

    /** The first line from the {@code from}th on (see {@link #mark()}) that {@code wanted} accepts. */
    public String await(Predicate<String> wanted, int from) throws Exception {
        CompletableFuture<String> found = new CompletableFuture<>();
        synchronized (this) {
            for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (ended) {
                throw new IllegalStateException("the process ended: " + lines);
            }
            waiters.add(new Waiter(wanted, found));
        }
        return found.get(60, TimeUnit.SECONDS);
    }

    /** Every line read so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
