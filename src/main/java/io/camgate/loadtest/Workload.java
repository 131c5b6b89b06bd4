package io.camgate.loadtest;

import io.camgate.policy.ActionPattern;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request mix: the distinct requests, with each one's action and caller numbered so that
 * drivers can count per action and per caller in plain arrays.
 */
public final class Workload {
    private final Probe[] probes;
    private final String[] actions;
    private final int[] actionOf;
    private final String[] callers;
    private final int[] callerOf;

    private Workload(Probe[] probes, String[] actions, int[] actionOf, String[] callers, int[] callerOf) {
        this.probes = probes;
        this.actions = actions;
        this.actionOf = actionOf;
        this.callers = callers;
        this.callerOf = callerOf;
    }

    /** The mix of {@code probes}, in their order; actions are counted by their normalized name. */
    public static Workload of(List<Probe> probes) {
        if (probes.isEmpty()) {
            throw new IllegalArgumentException("a workload needs at least one request");
        }
        Probe[] all = probes.toArray(Probe[]::new);
        Set<String> actionNames = new TreeSet<>();
        Set<String> callerNames = new TreeSet<>();
        for (Probe p : all) {
            actionNames.add(ActionPattern.normalize(p.need().action()));
            callerNames.add(p.caller());
        }
        String[] actions = actionNames.toArray(String[]::new);
        String[] callers = callerNames.toArray(String[]::new);
        Map<String, Integer> actionIds = ids(actions);
        Map<String, Integer> callerIds = ids(callers);
        int[] actionOf = new int[all.length];
        int[] callerOf = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            actionOf[i] = actionIds.get(ActionPattern.normalize(all[i].need().action()));
            callerOf[i] = callerIds.get(all[i].caller());
        }
        return new Workload(all, actions, actionOf, callers, callerOf);
    }

    private static Map<String, Integer> ids(String[] names) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], i);
        }
        return out;
    }

    /** How many distinct requests. */
    public int size() {
        return probes.length;
    }

    /** Request {@code i}. */
    public Probe probe(int i) {
        return probes[i];
    }

    /** Every request, in order. */
    public List<Probe> probes() {
        return List.of(probes);
    }

    /** The distinct actions, normalized and sorted. */
    public String[] actions() {
        return actions.clone();
    }

    /** The number of request {@code i}'s action in {@link #actions()}. */
    int actionOf(int i) {
        return actionOf[i];
    }

    /** The distinct callers (uins and {@code anonymous}), sorted. */
    public String[] callers() {
        return callers.clone();
    }

    /** The number of request {@code i}'s caller in {@link #callers()}. */
    int callerOf(int i) {
        return callerOf[i];
    }
}
