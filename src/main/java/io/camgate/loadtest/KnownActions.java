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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The actions the gateway can ask for (every row of the {@link OperationTable}), with what
 * each one acts on, so that a wildcard action pattern can be sampled as real actions and each
 * action gets a resource of the right shape.
 */
final class KnownActions {
    /** What an action's resource names, in rising order of precedence when rows differ. */
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
    private final Map<String, String> normalized = new LinkedHashMap<>();
    /** The actions each normalized pattern covers: policy sets repeat a few patterns many times. */
    private final Map<String, List<String>> coveredBy = new ConcurrentHashMap<>();

    private KnownActions() {
        for (Operation op : OperationTable.get().operations()) {
            Target target;
            if (op.service() == HostKind.Service.CI) {
                target = op.has(Operation.Trait.API_LEVEL) ? Target.NOTHING : Target.OBJECT;
            } else {
                target = op.scope() == Scope.SERVICE ? Target.NOTHING
                        : op.scope() == Scope.BUCKET ? Target.BUCKET : Target.OBJECT;
            }
            // An action some row applies to objects (DeleteObject is also the multi-delete on the bucket) acts on objects.
            targets.merge(op.action(), target, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            normalized.putIfAbsent(op.action(), ActionPattern.normalize(op.action()));
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
        return coveredBy.computeIfAbsent(pattern.normalized(), k -> {
            List<String> out = new ArrayList<>();
            normalized.forEach((action, name) -> {
                if (pattern.matchesNormalized(name)) {
                    out.add(action);
                }
            });
            return List.copyOf(out);
        });
    }

    /** The service of {@code action}: the part before the colon. */
    static String service(String action) {
        int colon = action.indexOf(':');
        return colon < 0 ? "cos" : action.substring(0, colon);
    }
}
