package io.camgate.authz.index;

import com.github.benmanes.caffeine.cache.Interner;
import java.util.Arrays;

/**
 * Which group of a {@link RuleSet} each action of the {@link ActionTable} falls in: the part of
 * a rule set that depends only on the shape of the caller's policies (which statements cover
 * which actions), not on their resources. Callers with policies of the same shape, such as
 * every user given the same template, share one instance through a weak interner, so that it
 * costs memory once and stays in the CPU cache for all of them.
 */
final class ActionGroups {
    private static final Interner<ActionGroups> SHAPES = Interner.newWeakInterner();

    /** {@code groups[action]}: 0 when no statement covers the action, else the group's number from 1. */
    private final int[] groups;
    private final int hash;

    private ActionGroups(int[] groups) {
        this.groups = groups;
        this.hash = Arrays.hashCode(groups);
    }

    /** The shared instance for {@code groups} (action number → group number from 1, or 0), which it keeps. */
    static ActionGroups of(int[] groups) {
        return SHAPES.intern(new ActionGroups(groups));
    }

    /** The group number (from 1) of action {@code id}, or 0 when the caller's statements do not cover it. */
    int of(int id) {
        return id < groups.length ? groups[id] : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionGroups other && hash == other.hash && Arrays.equals(groups, other.groups);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
