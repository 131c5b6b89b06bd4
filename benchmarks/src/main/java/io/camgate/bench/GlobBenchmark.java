package io.camgate.bench;

import io.camgate.policy.Glob;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The star matcher on the input that makes a backtracking matcher explode: {@code *a*a*a*a*a*b}
 * against a run of {@code a}s, which cannot match. That pattern is rejected at once by its
 * literal tail, so {@code *a*a*a*a*a*b*} (no tail) is measured too: it must search the whole
 * run for the {@code b}. Time per match should grow with the length of the run (linearly), not
 * with a power of it.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar GlobBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GlobBenchmark {
    @Param({"1000", "10000"})
    int length;

    @Param({"*a*a*a*a*a*b", "*a*a*a*a*a*b*"})
    String pattern;

    private String run;

    @Setup
    public void setUp() {
        run = "a".repeat(length);
    }

    @Benchmark
    public boolean manyStarsNoMatch() {
        return Glob.matches(pattern, run);
    }
}
