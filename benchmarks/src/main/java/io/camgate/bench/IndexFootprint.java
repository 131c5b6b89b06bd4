package io.camgate.bench;

import io.camgate.authz.index.IndexedEngine;

/**
 * Heap retained by the compiled index, per statement: used heap after a full GC with the
 * index held, minus used heap after a full GC without it (the parsed snapshot is held in both).
 * Two figures: the engine as built (bucket policies sorted by principal, statements for
 * everyone compiled), and the engine with every sub-user's rule set compiled as well (which
 * happens lazily, per caller, up to the cache's bound).
 *
 * <pre>
 * java -Xmx12g -cp benchmarks/target/benchmarks.jar io.camgate.bench.IndexFootprint 1000 100000 1000000
 * </pre>
 */
public final class IndexFootprint {
    private IndexFootprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        for (String arg : args) {
            int statements = Integer.parseInt(arg);
            PolicyWorkload workload = new PolicyWorkload(statements, 1, 42);
            long before = usedAfterGc();
            long start = System.nanoTime();
            IndexedEngine engine = new IndexedEngine(workload.snapshot, Long.MAX_VALUE);
            long nanos = System.nanoTime() - start;
            long built = usedAfterGc();
            start = System.nanoTime();
            engine.compileAll();
            long millis = (nanos + System.nanoTime() - start) / 1_000_000;
            long after = usedAfterGc();
            System.out.printf("%,d statements: compiled in %,d ms (first run, cold); engine as built retains %,d bytes "
                    + "= %.0f bytes per statement; with every sub-user compiled %,d bytes = %.0f bytes per statement "
                    + "(%d sub-users)%n", statements, millis, built - before, (built - before) / (double) statements,
                    after - before, (after - before) / (double) statements, engine.compiledPrincipals());
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
