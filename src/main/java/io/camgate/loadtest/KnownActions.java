package io.camgate.loadtest;

import io.camgate.cos.HostKind;
import io.camgate.cos.Operation;
import io.camgate.cos.OperationTable;
import io.camgate.cos.Scope;
import io.camgate.policy.ActionPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actions the gateway can ask for (every row of the {@link OperationTable}), with what
 * each one acts on, so that a wildcard action pattern can be sampled as real actions and each
 * action gets a resource of the right shape.
 */
final class KnownActions {
    /** What an action's resource names. */
    enum Target {
        /** No bucket: the resource is {@code *} (GetService, API-level CI calls). */
        NOTHING,
        /** A bucket: {@code <bucket>/}. */
        BUCKET,
        /** An object, or for CI a key or the whole bucket. */
        OBJECT
    }

    private static final KnownActions INSTANCE = new KnownActions();

    private final Map<String, Target> targets = new LinkedHashMap<>();

    private KnownActions() {
        for (Operation op : OperationTable.get().operations()) {
            Target target;
            if (op.service() == HostKind.Service.CI) {
                target = op.has(Operation.Trait.API_LEVEL) ? Target.NOTHING : Target.OBJECT;
            } else {
                target = op.scope() == Scope.SERVICE ? Target.NOTHING
                        : op.scope() == Scope.BUCKET ? Target.BUCKET : Target.OBJECT;
            }
            targets.putIfAbsent(op.action(), target);
        }
    }

    static KnownActions get() {
        return INSTANCE;
    }

    /** Every action, as the table writes it ({@code cos:GetObject}), in table order. */
    List<String> all() {
        return List.copyOf(targets.keySet());
    }

    /** What {@code action} acts on; unknown actions act on objects. */
    Target target(String action) {
        return targets.getOrDefault(action, Target.OBJECT);
    }

    /** The known actions {@code pattern} covers, in table order. */
    List<String> covered(ActionPattern pattern) {
        List<String> out = new ArrayList<>();
        for (String action : targets.keySet()) {
            if (pattern.matchesNormalized(ActionPattern.normalize(action))) {
                out.add(action);
            }
        }
        return out;
    }

    /** The service of {@code action}: the part before the colon. */
    static String service(String action) {
        int colon = action.indexOf(':');
        return colon < 0 ? "cos" : action.substring(0, colon);
    }
}
