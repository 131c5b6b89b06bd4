package io.camgate.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JVM, process and Netty allocator meters under the names stock dashboards query
 * ({@code jvm_*}, {@code process_*}, {@code system_*}, {@code netty_allocator_*}), in base
 * units: the process's CPU time is {@code process_cpu_seconds_total} (Micrometer's own counts
 * nanoseconds), the allocator's memory is in bytes, and the allocator loses its {@code id}
 * label, an identity hash that changes at every start.
 */
final class StandardMeters implements AutoCloseable {
    private static final Set<String> ALLOCATOR_BYTES = Set.of("netty.allocator.memory.used",
            "netty.allocator.memory.pinned", "netty.allocator.pooled.chunk.size");

    private final JvmGcMetrics gc = new JvmGcMetrics();

    private StandardMeters() {
    }

    /** Binds them to {@code registry}; close to stop watching the collector. */
    static StandardMeters bindTo(MeterRegistry registry) {
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")))
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        if (!id.getName().startsWith("netty.allocator.")) {
                            return id;
                        }
                        List<Tag> kept = id.getTags().stream().filter(t -> !t.getKey().equals("id"))
                                .collect(Collectors.toList());
                        Meter.Id out = id.replaceTags(kept);
                        return ALLOCATOR_BYTES.contains(id.getName()) ? out.withBaseUnit("bytes") : out;
                    }
                });
        StandardMeters meters = new StandardMeters();
        new JvmMemoryMetrics().bindTo(registry);
        meters.gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time the process has used").register(registry);
        }
        new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
        if (ByteBufAllocator.DEFAULT != PooledByteBufAllocator.DEFAULT
                && ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            new NettyAllocatorMetrics(provider).bindTo(registry);
        }
        return meters;
    }

    @Override
    public void close() {
        gc.close();
    }
}
