package io.camgate.bench;

import io.camgate.authz.ReferenceEvaluator;

/** The reference evaluator: a scan over the statements that could speak for the caller. */
final class ReferenceEngineAdapter implements DecisionEngine {
    private final ReferenceEvaluator engine;

    ReferenceEngineAdapter(PolicyWorkload workload) {
        engine = new ReferenceEvaluator(workload.snapshot);
    }

    @Override
    public boolean allowed(PolicyWorkload.Request request) {
        return engine.decide(request.principal(), request.need(), request.context()).allowed();
    }
}
