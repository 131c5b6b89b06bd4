package io.camgate.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, next to JMH's wall-clock score, for a machine shared with other
 * work: when more threads want to run than there are cores, a benchmark thread waits its turn
 * and the wall-clock time per operation grows with the queue, while the CPU time the
 * operation costs does not. Reports {@code cpu.time.norm} (CPU nanoseconds of the whole
 * benchmark process per operation, so JIT and GC threads count too) and {@code cpu.share}
 * (CPU time over wall time: 1.0 means one core for the single benchmark thread the whole
 * time, lower means the thread was kept waiting).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DecisionBenchmark -prof io.camgate.bench.CpuTimeProfiler
 * </pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;
    private long wallAtStart;

    @Override
    public String getDescription() {
        return "process CPU time per operation, and the share of a core the benchmark got";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = os.getProcessCpuTime();
        wallAtStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuAtStart;
        long wall = System.nanoTime() - wallAtStart;
        long ops = result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : cpu / (double) ops;
        return List.of(
                new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.share", cpu / (double) wall / benchmarkParams.getThreads(), "cores/thread",
                        AggregationPolicy.AVG));
    }
}
