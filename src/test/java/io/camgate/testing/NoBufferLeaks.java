package io.camgate.testing;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with Netty's leak detector at {@code PARANOID} (every buffer tracked) and
 * fails on a reported leak, instead of hoping someone reads the log. The level is switched for
 * the class and restored after it, so the rest of the build keeps Netty's cheap default; the
 * reports are taken from the buffer leak detector through its leak listener.
 *
 * <p>A leak is only seen once the garbage collector has found the lost buffer and a later
 * allocation polls the detector's queue. After each test a collection and an allocation fail
 * the test on whatever that finds. Before and after the class, {@link #leaks()} goes further:
 * it leaks a canary buffer of its own and collects garbage until the canary is reported, so
 * that every buffer already unreachable when the canary was dropped has been reported too
 * (only there, because Netty logs each canary with its stack traces).
 */
public final class NoBufferLeaks implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();
    private static final AtomicLong CANARIES = new AtomicLong();
    private static final String CANARY = "camgate-leak-canary-";
    private static final int MAX_ROUNDS = 200;
    private static final ExtensionContext.Namespace STATE = ExtensionContext.Namespace.create(NoBufferLeaks.class);

    static {
        detector().setLeakListener((type, records) -> REPORTS.add(type + ": " + records));
    }

    /** The detector every Netty buffer is tracked by. */
    @SuppressWarnings("unchecked")
    private static ResourceLeakDetector<ByteBuf> detector() {
        try {
            Field f = AbstractByteBuf.class.getDeclaredField("leakDetector");
            f.setAccessible(true);
            return (ResourceLeakDetector<ByteBuf>) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Netty's buffer leak detector is not where this Netty keeps it", e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(STATE).put(ResourceLeakDetector.Level.class, ResourceLeakDetector.getLevel());
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        // Whatever earlier classes lost is theirs, not this class's.
        leaks();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.gc();
        ByteBufAllocator.DEFAULT.buffer(1).release();
        failOn(drain(), context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            failOn(leaks(), context);
        } finally {
            ResourceLeakDetector.setLevel(context.getStore(STATE).get(ResourceLeakDetector.Level.class,
                    ResourceLeakDetector.Level.class));
        }
    }

    private static void failOn(List<String> found, ExtensionContext context) {
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " leaked buffer(s) after " + context.getDisplayName() + ":\n"
                    + String.join("\n", found));
        }
    }

    /**
     * Every leak reported so far, after a collection that surely found the buffers already lost
     * (the canary's); the canaries' own reports are left out. Clears what it returns.
     *
     * @throws IllegalStateException when the detector does not track at {@code PARANOID}
     */
    public static List<String> leaks() {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new IllegalStateException("buffers are not tracked at PARANOID");
        }
        String canary = CANARY + CANARIES.incrementAndGet();
        dropCanary(canary);
        for (int round = 0; round < MAX_ROUNDS && REPORTS.stream().noneMatch(r -> r.contains(canary)); round++) {
            System.gc();
            ByteBufAllocator.DEFAULT.buffer(1).release();
        }
        if (REPORTS.stream().noneMatch(r -> r.contains(canary))) {
            throw new IllegalStateException("the leak detector did not report its canary within "
                    + MAX_ROUNDS + " collections");
        }
        return drain();
    }

    /** Takes the reports collected so far, leaving out canaries. */
    private static List<String> drain() {
        List<String> out = new ArrayList<>();
        String r;
        while ((r = REPORTS.poll()) != null) {
            if (!r.contains(CANARY)) {
                out.add(r);
            }
        }
        return out;
    }

    private static void dropCanary(String name) {
        ByteBufAllocator.DEFAULT.buffer(8).touch(name);
    }
}
