package io.camgate.loadtest;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar redrawn in place a few times a second on a terminal, from its own
 * daemon thread; the run it watches only publishes counters. It shows the share done, the
 * count, the rate since the start and the time left at that pace. Closing it draws the last
 * state and ends the line.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final DoubleSupplier fraction;
    private final LongSupplier count;
    private final String unit;
    private final ScheduledExecutorService ticker;
    private final long startedAt = System.nanoTime();

    private ProgressBar(PrintWriter out, DoubleSupplier fraction, LongSupplier count, String unit) {
        this.out = out;
        this.fraction = fraction;
        this.count = count;
        this.unit = unit;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loadtest-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::draw, 0, 200, TimeUnit.MILLISECONDS);
    }

    /**
     * A bar on {@code out} when {@code show}, else one that draws nothing.
     *
     * @param fraction how far the run has got, 0 to 1
     * @param count    how many units are done
     * @param unit     what is counted, e.g. {@code requests}
     */
    public static AutoCloseable start(boolean show, PrintWriter out, DoubleSupplier fraction, LongSupplier count,
            String unit) {
        return show ? new ProgressBar(out, fraction, count, unit) : () -> { };
    }

    /**
     * Whether standard error is likely a terminal: the process has a console, and on JDK 22 or
     * later, where a console exists even when redirected, that it is one.
     */
    public static boolean stderrIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private synchronized void draw() {
        out.print("\r" + line(fraction.getAsDouble(), count.getAsLong(), System.nanoTime() - startedAt, unit)
                + "\u001b[K");
        out.flush();
    }

    /**
     * The bar's text: {@code [#####     ]  50%  1,234 decisions  617/s  ETA 0:02}. The ETA
     * assumes the rest goes at the pace so far; it reads {@code --:--} until there is a pace.
     */
    static String line(double fraction, long count, long elapsedNanos, String unit) {
        double f = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(f * WIDTH);
        double seconds = elapsedNanos / 1e9;
        String rate = seconds > 0 ? String.format(Locale.ROOT, "%,.0f/s", count / seconds) : "-/s";
        String eta = "--:--";
        if (f > 0 && seconds > 0) {
            long left = Math.round(seconds * (1 - f) / f);
            eta = String.format(Locale.ROOT, "%d:%02d", left / 60, left % 60);
        }
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  %,d %s  %s  ETA %s", "#".repeat(filled),
                " ".repeat(WIDTH - filled), f * 100, count, unit, rate, eta);
    }

    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        // a redraw already under way must not land after the line is ended
        ticker.awaitTermination(1, TimeUnit.SECONDS);
        draw();
        out.println();
        out.flush();
    }
}
