package io.camgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * and the wall-clock time per operation grows with the run queue, while the CPU time the
 * operation costs does not (caches shared with the other work still slow it somewhat).
 * Reports {@code cpu.time.norm}, the CPU time of JMH's worker threads per operation (JIT and GC
 * threads not counted), and {@code cpu.share}, that CPU time over the wall time per worker:
 * 1.0 means the benchmark thread had a core to itself the whole time.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DecisionBenchmark -prof io.camgate.bench.CpuTimeProfiler
 * </pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> cpuAtStart = Map.of();
    private long wallAtStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation, and the share of a core they got";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = workerCpu();
        wallAtStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long wall = System.nanoTime() - wallAtStart;
        long cpu = 0;
        for (Map.Entry<Long, Long> now : workerCpu().entrySet()) {
            cpu += now.getValue() - cpuAtStart.getOrDefault(now.getKey(), 0L);
        }
        long ops = result.getMetadata().getAllOps();
        return List.of(
                new ScalarResult("cpu.time.norm", ops == 0 ? Double.NaN : cpu / (double) ops, "ns/op",
                        AggregationPolicy.AVG),
                new ScalarResult("cpu.share", cpu / (double) wall / benchmarkParams.getThreads(), "cores/thread",
                        AggregationPolicy.AVG));
    }

    /** CPU nanoseconds so far of each live JMH worker thread, by thread id. */
    private Map<Long, Long> workerCpu() {
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("-jmh-worker-")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    out.put(info.getThreadId(), cpu);
                }
            }
        }
        return out;
    }
}
