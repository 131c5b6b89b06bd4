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
 * daemon thread; the run it watches only publishes counters. Closing it draws the last state
 * and ends the line.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final DoubleSupplier fraction;
    private final LongSupplier count;
    private final String unit;
    private final ScheduledExecutorService ticker;

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
        double f = fraction.getAsDouble();
        int filled = (int) Math.round(f * WIDTH);
        out.print(String.format(Locale.ROOT, "\r[%s%s] %3.0f%%  %,d %s", "#".repeat(filled),
                " ".repeat(WIDTH - filled), f * 100, count.getAsLong(), unit));
        out.flush();
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
