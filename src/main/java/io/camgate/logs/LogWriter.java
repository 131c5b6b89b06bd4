package io.camgate.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Formats and writes log lines on a thread of its own. The SLF4J backend writes to the
 * console synchronously, and a slow console or log collector must never stall an event loop:
 * the request path only hands over a small task; when the bounded queue is full the line is
 * dropped and counted instead of waited for. It is an {@link Executor}, so that packages below
 * logs (config's shadow comparator) can be handed it without depending on this one.
 */
public final class LogWriter implements Executor, AutoCloseable {
    /** Lines queued at most before new ones are dropped. */
    public static final int CAPACITY = 8192;

    /** Lines taken from the queue at once. */
    private static final int BATCH = 256;
    /** While lines keep coming, the writer looks for the next ones this often instead of being woken for each. */
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Empty looks after which the writer sleeps until a line wakes it. */
    private static final int PAUSES_BEFORE_SLEEP = 50;

    /** Writes on the caller's thread: for tests and tools that run no event loop. */
    public static final LogWriter DIRECT = new LogWriter();

    private final BlockingQueue<Runnable> queue;
    private final LongAdder dropped = new LongAdder();
    private final Thread thread;
    private volatile boolean open = true;

    private LogWriter() {
        this.queue = null;
        this.thread = null;
    }

    private LogWriter(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::drain, "camgate-log-writer");
        thread.setDaemon(true);
    }

    /** A writer with its own thread, started. */
    public static LogWriter start() {
        LogWriter writer = new LogWriter(CAPACITY);
        writer.thread.start();
        return writer;
    }

    /** Runs {@code line} (which formats and writes one line) soon; drops it when the queue is full. */
    @Override
    public void execute(Runnable line) {
        if (queue == null) {
            line.run();
        } else if (!open || !queue.offer(line)) {
            dropped.increment();
        }
    }

    /** How many lines were dropped because the writer could not keep up. */
    public long dropped() {
        return dropped.sum();
    }

    /**
     * Under load the writer takes what has queued every {@link #PAUSE_NANOS}, so an event loop
     * that queues a line finds no thread waiting and wakes none (a wake-up per line cost each
     * request a futex call and a context switch). After {@link #PAUSES_BEFORE_SLEEP} empty looks
     * it waits on the queue, and the next line wakes it.
     */
    private void drain() {
        List<Runnable> batch = new ArrayList<>(BATCH);
        int empty = 0;
        try {
            while (open || !queue.isEmpty()) {
                if (queue.drainTo(batch, BATCH) > 0) {
                    batch.forEach(LogWriter::runQuietly);
                    batch.clear();
                    empty = 0;
                } else if (++empty < PAUSES_BEFORE_SLEEP) {
                    LockSupport.parkNanos(PAUSE_NANOS);
                } else {
                    Runnable next = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        runQuietly(next);
                        empty = 0;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runQuietly(Runnable line) {
        try {
            line.run();
        } catch (RuntimeException e) {
            // a line that cannot be written is lost; the writer goes on with the next
        }
    }

    /** Writes what is queued, then stops the thread. */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        open = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
