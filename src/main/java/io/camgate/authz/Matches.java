package io.camgate.authz;

import io.camgate.policy.Effect;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The statements that matched one request, kept by {@link StatementRole role} and effect.
 * Each match is the decision that statement would make on its own, so that the frequent
 * case of a single deciding statement returns a decision built ahead of time.
 *
 * <p>Mutable and meant for one decision at a time: an engine may reuse an instance per
 * thread after {@link #clear()}.
 */
public final class Matches {
    /** The roles, read once: {@code values()} copies its array on every call. */
    private static final StatementRole[] ROLES = StatementRole.values();
    private static final int SLOTS = ROLES.length * 2;
    private static final int[] SPREAD = spread();

    private final Decision[][] slots = new Decision[SLOTS][];
    private final int[] counts = new int[SLOTS];
    /** Bit {@code slot} set: that slot holds a match. Lets the common questions skip the empty slots. */
    private int present;

    /** An empty set of matches. */
    public Matches() {
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Decision[2];
        }
    }

    /** Forgets every match. */
    public void clear() {
        for (int left = present; left != 0; left &= left - 1) {
            int i = Integer.numberOfTrailingZeros(left);
            // drop references so that a reused instance does not keep an old snapshot alive
            Arrays.fill(slots[i], 0, counts[i], null);
            counts[i] = 0;
        }
        present = 0;
    }

    /**
     * Records that a statement matched in {@code role}.
     *
     * @param alone the decision the statement makes by itself: allowed with reason
     *              {@link Reason#ALLOWED} for an allow, {@link Reason#EXPLICIT_DENY} for a deny,
     *              naming only that statement (see {@link #alone(StatementRef)})
     */
    public void add(StatementRole role, Decision alone) {
        int slot = slot(role, alone.allowed() ? Effect.ALLOW : Effect.DENY);
        Decision[] s = slots[slot];
        if (counts[slot] == s.length) {
            s = Arrays.copyOf(s, s.length * 2);
            slots[slot] = s;
        }
        s[counts[slot]++] = alone;
        present |= 1 << slot;
    }

    /** Whether any statement with {@code effect} matched in one of the roles of {@code roleMask}. */
    public boolean any(Effect effect, int roleMask) {
        return (present & slots(effect, roleMask)) != 0;
    }

    /**
     * The decision made by every statement with {@code effect} that matched in the roles of
     * {@code roleMask}: an allow or an explicit deny naming them in canonical order, without
     * repeats. Only call when {@link #any} holds for the same arguments.
     */
    public Decision decide(Effect effect, int roleMask) {
        Decision first = null;
        boolean several = false;
        for (int left = present & slots(effect, roleMask); left != 0; left &= left - 1) {
            int slot = Integer.numberOfTrailingZeros(left);
            for (int i = 0; i < counts[slot]; i++) {
                Decision d = slots[slot][i];
                if (first == null) {
                    first = d;
                } else if (first.statements().get(0).compareTo(d.statements().get(0)) != 0) {
                    several = true;
                }
            }
        }
        if (!several) {
            return first;
        }
        TreeSet<StatementRef> refs = new TreeSet<>();
        for (int left = present & slots(effect, roleMask); left != 0; left &= left - 1) {
            int slot = Integer.numberOfTrailingZeros(left);
            for (int i = 0; i < counts[slot]; i++) {
                refs.add(slots[slot][i].statements().get(0));
            }
        }
        return new Decision(effect == Effect.ALLOW, effect == Effect.ALLOW ? Reason.ALLOWED : Reason.EXPLICIT_DENY,
                List.copyOf(refs));
    }

    /** The decision one statement makes on its own. */
    public static Decision alone(StatementRef ref) {
        boolean allow = ref.effect() == Effect.ALLOW;
        return new Decision(allow, allow ? Reason.ALLOWED : Reason.EXPLICIT_DENY, List.of(ref));
    }

    private static int slot(StatementRole role, Effect effect) {
        return role.ordinal() * 2 + effect.ordinal();
    }

    /** The slot bits of {@code effect} in the roles of {@code roleMask}. */
    private static int slots(Effect effect, int roleMask) {
        return SPREAD[roleMask] << effect.ordinal();
    }

    /** {@code SPREAD[mask]}: role bit {@code r} of {@code mask} moved to bit {@code 2r}, where the role's slots start. */
    private static int[] spread() {
        int[] spread = new int[1 << ROLES.length];
        for (int mask = 0; mask < spread.length; mask++) {
            for (StatementRole role : ROLES) {
                if ((mask & role.bit()) != 0) {
                    spread[mask] |= 1 << (role.ordinal() * 2);
                }
            }
        }
        return spread;
    }
}
