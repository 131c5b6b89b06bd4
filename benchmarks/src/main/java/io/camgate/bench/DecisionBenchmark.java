package io.camgate.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One decision by each engine on realistic policy sets of growing size, requests drawn
 * Zipf-like over sub-users and object keys.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DecisionBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1 -prof gc
 * </pre>
 *
 * The scans and jCasbin are refused above {@code -Dcamgate.bench.maxScanStatements}
 * (100,000 by default) statements, where one of their decisions takes too long for a short run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
public class DecisionBenchmark {
    @Param({"10", "1000", "100000", "1000000"})
    int statements;

    /**
     * {@code index}: the compiled index, every caller compiled ahead; {@code index-lazy}: the
     * compiled index, each caller compiled on its first request, as served; {@code fullscan}: every statement of the set scanned per
     * decision (the reference scan); {@code callerscan}: the project's reference
     * evaluator, which scans only the caller's own policies; {@code casbin}: jCasbin.
     */
    @Param({"index", "fullscan", "callerscan", "casbin"})
    String engine;

    /**
     * How many distinct prebuilt requests are cycled (a power of two). A gateway decides a
     * request it has just parsed, hot in the CPU cache; a small pool keeps each request hot,
     * 65536 makes every request's strings a cache miss.
     */
    @Param({"4096"})
    int requestPool;

    /**
     * {@code all}: the workload's mix; {@code unconditioned}: only the requests that no condition
     * is evaluated for (empty condition context), to show what the common path allocates.
     */
    @Param({"all"})
    String requests;

    private PolicyWorkload workload;
    private DecisionEngine decisions;
    private PolicyWorkload.Request[] pool;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        long limit = Long.getLong("camgate.bench.maxScanStatements", 100_000);
        if (!engine.startsWith("index") && statements > limit) {
            throw new IllegalStateException(engine + " is not run above " + limit + " statements (too slow); raise "
                    + "-Dcamgate.bench.maxScanStatements to try");
        }
        workload = new PolicyWorkload(statements, requestPool, 42);
        decisions = DecisionEngine.create(engine, workload);
        pool = switch (requests) {
            case "all" -> workload.requests;
            case "unconditioned" -> onlyUnconditioned(workload.requests);
            default -> throw new IllegalArgumentException("requests is all or unconditioned, not " + requests);
        };
    }

    /** The requests with an empty condition context, repeated to fill the pool. */
    private PolicyWorkload.Request[] onlyUnconditioned(PolicyWorkload.Request[] all) {
        PolicyWorkload.Request[] plain = Arrays.stream(all)
                .filter(r -> r.context().asMap().isEmpty()).toArray(PolicyWorkload.Request[]::new);
        PolicyWorkload.Request[] out = new PolicyWorkload.Request[requestPool];
        for (int i = 0; i < out.length; i++) {
            out[i] = plain[i % plain.length];
        }
        return out;
    }

    /**
     * The harness alone: takes the next request as {@link #decide} does and decides nothing.
     * Under {@code -bm sample} its percentiles are what the timer and the loop cost each sample.
     */
    @Benchmark
    public Object baseline() {
        return pool[next++ & (requestPool - 1)].need();
    }

    /**
     * Not a decision: the least any engine must do for these requests, as a bound under
     * {@link #decide}. It finds the caller in a table of every sub-user and compares the request's
     * resource with one prefix of the caller's. It reads the same request objects a decision reads,
     * and one caller record. Under {@code -bm sample} at the sizes where the callers outgrow the
     * CPU caches, its percentiles show what the memory of this machine costs before any policy
     * logic.
     */
    @Benchmark
    public boolean leastWork(CallerPrefixes callers) {
        PolicyWorkload.Request request = pool[next++ & (requestPool - 1)];
        String uin = request.principal().uin();
        String[] uins = callers.uins;
        int mask = uins.length - 1;
        for (int at = uin.hashCode() & mask; uins[at] != null; at = (at + 1) & mask) {
            if (uins[at] == uin) {
                return request.need().resource().resource().startsWith(callers.prefixes[at]);
            }
        }
        return false;
    }

    /** Every sub-user's home prefix, by uin, in an open-addressing table: the state of {@link #leastWork}. */
    @State(Scope.Benchmark)
    public static class CallerPrefixes {
        String[] uins;
        String[] prefixes;

        @Setup(Level.Trial)
        public void build(DecisionBenchmark benchmark) {
            String[][] homes = benchmark.workload.homes();
            int size = Integer.highestOneBit(Math.max(1, homes.length) * 2) * 2;
            uins = new String[size];
            prefixes = new String[size];
            for (String[] home : homes) {
                int at = home[0].hashCode() & (size - 1);
                while (uins[at] != null) {
                    at = (at + 1) & (size - 1);
                }
                uins[at] = home[0];
                prefixes[at] = home[1];
            }
        }
    }

    @Benchmark
    public boolean decide() {
        PolicyWorkload.Request request = pool[next++ & (requestPool - 1)];
        return decisions.allowed(request);
    }
}
