package io.camgate.bench;

import io.camgate.authz.ReferenceEvaluator;

/**
 * The project's reference evaluator: it finds the caller's own policies through the directory
 * and scans only those (and the request's bucket policy), so it is an index on the caller, not
 * a scan of the policy set. See {@link FullScanEngineAdapter} for the scan of every statement.
 */
final class CallerScanEngineAdapter implements DecisionEngine {
    private final ReferenceEvaluator engine;

    CallerScanEngineAdapter(PolicyWorkload workload) {
        engine = new ReferenceEvaluator(workload.snapshot);
    }

    @Override
    public boolean allowed(PolicyWorkload.Request request) {
        return engine.decide(request.principal(), request.need(), request.context()).allowed();
    }
}
