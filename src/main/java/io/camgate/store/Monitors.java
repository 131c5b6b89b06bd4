package io.camgate.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Bounded waits on a monitor, for the threads (admin worker, start-up) that may block on the store. */
final class Monitors {
    private Monitors() {
    }

    /**
     * Waits on {@code monitor}, which is notified whenever what {@code done} reads changes, until
     * {@code done} holds; at most {@code timeout}. Whether it holds.
     */
    static boolean await(Object monitor, BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
        }
        return true;
    }
}
