package io.camgate.bench;

import io.camgate.authz.index.IndexedEngine;

/**
 * The compiled index. Either every sub-user is compiled ahead ({@code index}), so that the
 * callers the requests name lie scattered among all the others in memory, as in a gateway
 * whose every user has called; or each caller is compiled on its first request
 * ({@code index-lazy}), as the gateway does, so that only the callers that call are compiled
 * (during warm-up). Both answer from the cache every time once measured (a 100% hit rate, as
 * in Caffeine's GetPutBenchmark).
 */
final class IndexEngineAdapter implements DecisionEngine {
    private final IndexedEngine engine;

    IndexEngineAdapter(PolicyWorkload workload, boolean compileAhead) {
        engine = new IndexedEngine(workload.snapshot, Long.MAX_VALUE);
        if (compileAhead) {
            engine.compileAll();
        }
    }

    @Override
    public boolean allowed(PolicyWorkload.Request request) {
        return engine.decide(request.principal(), request.need(), request.context()).allowed();
    }
}
