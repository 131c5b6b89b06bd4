package io.camgate.bench;

import io.camgate.authz.index.IndexedEngine;
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
 * Time to compile the whole index (every sub-user and bucket policy) of a parsed snapshot.
 * Retained memory per statement is measured by {@link IndexFootprint}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CompileBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
public class CompileBenchmark {
    @Param({"10", "1000", "100000", "1000000"})
    int statements;

    private PolicyWorkload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new PolicyWorkload(statements, 1, 42);
    }

    @Benchmark
    public IndexedEngine compile() {
        IndexedEngine engine = new IndexedEngine(workload.snapshot, Long.MAX_VALUE);
        engine.compileAll();
        return engine;
    }
}
