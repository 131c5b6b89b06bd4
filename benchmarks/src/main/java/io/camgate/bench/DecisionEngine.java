package io.camgate.bench;

/**
 * One engine under benchmark, behind the smallest interface that lets every engine answer
 * the same requests (Caffeine's {@code BasicCache} adapters are the model).
 */
interface DecisionEngine {
    /** Whether {@code request} is allowed. */
    boolean allowed(PolicyWorkload.Request request);

    /** The engines, by the name used in {@code @Param}. */
    static DecisionEngine create(String name, PolicyWorkload workload) {
        return switch (name) {
            case "index" -> new IndexEngineAdapter(workload, true);
            case "index-lazy" -> new IndexEngineAdapter(workload, false);
            case "fullscan" -> new FullScanEngineAdapter(workload);
            case "callerscan" -> new CallerScanEngineAdapter(workload);
            case "casbin" -> new CasbinEngineAdapter(workload);
            default -> throw new IllegalArgumentException("unknown engine " + name);
        };
    }
}
