package io.camgate.loadtest;

import io.camgate.authz.Decision;
import io.camgate.authz.PolicyEngine;
import io.camgate.authz.Snapshot;
import io.camgate.authz.index.IndexedEngine;
import io.camgate.identity.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the same requests against two policy sets and keeps those whose answer changes:
 * what a rollout from one set to the other would open or close. A caller that only one set
 * knows is denied by the other with the reason {@code unknown_caller}, as the gateway would
 * refuse its key.
 */
public final class PolicyDiff {
    private final Side from;
    private final Side to;

    /** A diff from {@code from} to {@code to}, each decided with its compiled index. */
    public PolicyDiff(Snapshot from, Snapshot to) {
        this.from = new Side(from);
        this.to = new Side(to);
    }

    /** The requests of both sets' mixes for {@code seed}, without repeats, {@code from}'s first. */
    public static List<Probe> unionOfMixes(Snapshot from, Snapshot to, long seed) {
        Map<String, Probe> out = new LinkedHashMap<>();
        for (Snapshot s : List.of(from, to)) {
            for (Probe p : WorkloadGenerator.generate(s, seed).probes()) {
                out.putIfAbsent(p.caller() + " " + p.need().action() + " " + p.need().resource().text() + " "
                        + p.context().asMap(), p);
            }
        }
        return List.copyOf(out.values());
    }

    /** Every request of {@code probes} whose decision or reason differs between the two sets, in input order. */
    public List<DecisionChange> changes(List<Probe> probes) {
        List<DecisionChange> out = new ArrayList<>();
        for (Probe p : probes) {
            DecisionChange.Answer a = from.answer(p);
            DecisionChange.Answer b = to.answer(p);
            if (!a.equals(b)) {
                out.add(new DecisionChange(p, a, b));
            }
        }
        return out;
    }

    /** One policy set with its engine. */
    private static final class Side {
        private final Snapshot snapshot;
        private final PolicyEngine engine;

        Side(Snapshot snapshot) {
            this.snapshot = snapshot;
            this.engine = new IndexedEngine(snapshot);
        }

        DecisionChange.Answer answer(Probe p) {
            Principal caller = p.principal();
            if (caller.uin() != null && snapshot.directory().principal(caller.uin())
                    .filter(known -> known.equals(caller)).isEmpty()) {
                return DecisionChange.Answer.UNKNOWN_CALLER;
            }
            Decision d = engine.decide(caller, p.need(), p.context());
            return new DecisionChange.Answer(d.allowed(), d.reason().label());
        }
    }
}
