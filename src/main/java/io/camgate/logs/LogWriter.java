package io.camgate.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Encodes and writes the access and decision lines on a thread of its own. A slow console or
 * log collector must never stall an event loop: the request path only queues the line's values;
 * when the bounded queue is full the line is dropped and counted instead of waited for. The
 * thread encodes what it takes from the queue into one reused buffer and writes the batch with
 * one call to its output, by default the process's stderr: one system call for many lines.
 * Because that call goes through {@link System#err}, whose {@link java.io.PrintStream} holds its
 * lock for the whole batch, and logback's console appender writes each operational line with one
 * call on the same stream, the two never interleave within a line. It is also an {@link Executor},
 * so that packages below logs (config's shadow comparator) can hand it work without depending on
 * this one.
 */
public final class LogWriter implements Executor, AutoCloseable {
    /** Lines queued at most before new ones are dropped. */
    public static final int CAPACITY = 8192;

    /** Lines taken from the queue at once. */
    private static final int BATCH = 256;
    /** Bytes of encoded lines after which they are written without waiting for the queue to empty. */
    private static final int WRITE_AT = 64 * 1024;
    /** While lines keep coming, the writer looks for the next ones this often instead of being woken for each. */
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Empty looks after which the writer sleeps until a line wakes it. */
    private static final int PAUSES_BEFORE_SLEEP = 50;

    /** Null when lines are encoded on the caller's thread and handed to {@code direct}. */
    private final BlockingQueue<Object> queue;
    private final Supplier<? extends OutputStream> output;
    private final Consumer<String> direct;
    private final LineEncoder encoder = new LineEncoder(Clock.systemUTC());
    private final LongAdder dropped = new LongAdder();
    private final Thread thread;
    private volatile boolean open = true;

    private LogWriter(Consumer<String> direct) {
        this.queue = null;
        this.output = null;
        this.direct = direct;
        this.thread = null;
    }

    private LogWriter(Supplier<? extends OutputStream> output) {
        this.queue = new ArrayBlockingQueue<>(CAPACITY);
        this.output = output;
        this.direct = null;
        this.thread = new Thread(this::drain, "camgate-log-writer");
        thread.setDaemon(true);
    }

    /** A writer with its own thread, started, writing to the process's stderr. */
    public static LogWriter start() {
        // looked up at each write, like logback's console appender, so both always share one stream
        return start(() -> System.err);
    }

    /** A writer with its own thread, started, writing each batch to {@code output} with one call. */
    public static LogWriter start(Supplier<? extends OutputStream> output) {
        LogWriter writer = new LogWriter(output);
        writer.thread.start();
        return writer;
    }

    /** Encodes each line on the caller's thread and hands it (without its newline) to {@code lines}: for tests and tools. */
    public static LogWriter direct(Consumer<String> lines) {
        return new LogWriter(lines);
    }

    /** Queues {@code line}; drops it when the queue is full. */
    void write(LogLine line) {
        if (queue != null) {
            enqueue(line);
            return;
        }
        String encoded;
        synchronized (encoder) {
            encoder.add(line);
            encoded = encoder.take();
        }
        if (!encoded.isEmpty()) {
            direct.accept(encoded);
        }
    }

    /** Runs {@code task} (for example one that logs) soon on the writer's thread; drops it when the queue is full. */
    @Override
    public void execute(Runnable task) {
        if (queue == null) {
            task.run();
        } else {
            enqueue(task);
        }
    }

    private void enqueue(Object item) {
        if (!open || !queue.offer(item)) {
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
     * request a futex call and a context switch). It encodes until the queue is empty and only
     * then writes, so a write carries everything that came in since the last one. After
     * {@link #PAUSES_BEFORE_SLEEP} empty looks it waits on the queue, and the next line wakes it.
     */
    private void drain() {
        List<Object> batch = new ArrayList<>(BATCH);
        int empty = 0;
        try {
            while (open || !queue.isEmpty()) {
                if (queue.drainTo(batch, BATCH) > 0) {
                    batch.forEach(this::handle);
                    batch.clear();
                    empty = 0;
                    continue;
                }
                flush();
                if (++empty < PAUSES_BEFORE_SLEEP) {
                    LockSupport.parkNanos(PAUSE_NANOS);
                } else {
                    Object next = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        handle(next);
                        empty = 0;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flush();
        }
    }

    private void handle(Object item) {
        if (item instanceof LogLine line) {
            encoder.add(line);
            if (encoder.size() >= WRITE_AT) {
                flush();
            }
        } else {
            try {
                ((Runnable) item).run();
            } catch (RuntimeException e) {
                // a task that fails is lost; the writer goes on with the next
            }
        }
    }

    /** Writes the lines encoded so far, in one call. */
    private void flush() {
        if (encoder.size() == 0) {
            return;
        }
        try {
            encoder.writeTo(output.get());
        } catch (IOException | RuntimeException e) {
            // the output failed: these lines are lost, the next batch tries again
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
