package io.camgate.authz.index;

import io.camgate.authz.Matches;
import io.camgate.identity.Bucket;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Glob;
import io.camgate.policy.ResourceName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Every statement that can speak for one caller, compiled for it, in one flat table: for a
 * sub-user its attached policies and the bucket-policy statements naming it, its groups or its
 * root account, each {@link CompiledStatement} carrying its role (and its bucket); for a root
 * account the bucket statements naming it; for everyone, one bucket's statements for anyone.
 * Wildcard action patterns are resolved against the {@link ActionTable} when the set is built,
 * and actions covered by the same statements share one group of them.
 *
 * <p>The table is packed so that a decision touches few cache lines: the action's number gives
 * its group through {@link ActionGroups}, shared by the callers whose policies have the same
 * shape; in {@link #layout}, the group's number gives the offset of the group, which lists,
 * for each of its statements, where the literal prefix of its resource pattern lies among the
 * prefix characters, the prefix's last two characters, and which statement it is. Most
 * statements are ruled out by those two characters, and a statement is read only when the
 * request's resource starts with its whole prefix. The prefix characters take one byte each
 * when they all fit in one (the usual case), else two. A group of more than
 * {@value #LIST_LIMIT} statements is a {@link ResourceTrie} instead, so that a lookup stays
 * O(length of the resource).
 *
 * <p>An action outside the table is matched against the statements' own patterns, one by
 * one: the classifier only produces table actions, so that path is for completeness.
 */
final class RuleSet {
    /** The most statements a group lists; above, it is a trie. */
    static final int LIST_LIMIT = 16;
    private static final int ENTRY = 4;
    // shared by the many sets that have none (toArray keeps an empty array it is given)
    private static final CompiledStatement[] NO_STATEMENTS = {};
    private static final ResourceTrie[] NO_TRIES = {};
    private static final String[] NO_PATTERNS = {};

    private final String uin;
    private final String ownerUin;
    private final RootAccount home;
    private final ActionGroups groups;
    /**
     * {@code layout[g - 1]}: the offset {@code o} of group {@code g}: {@code layout[o]} is
     * {@code n > 0} followed by {@code n} entries (prefix start, prefix end, the prefix's last
     * two characters, statement), or {@code -1 - t} for trie {@code t}.
     */
    private final int[] layout;
    /** The prefix characters, one byte each; null when one does not fit, and then {@link #widePrefixes} holds them. */
    private final byte[] prefixes;
    private final char[] widePrefixes;
    private final CompiledStatement[] statements;
    private final ResourceTrie[] tries;
    /** Action patterns that are not literal table actions, each with one statement it belongs to. */
    private final String[] otherPatterns;
    private final CompiledStatement[] otherStatements;

    private RuleSet(Principal principal, RootAccount home, ActionGroups groups, int[] layout, String prefixes,
            CompiledStatement[] statements, ResourceTrie[] tries, String[] otherPatterns,
            CompiledStatement[] otherStatements) {
        this.uin = principal == null ? null : principal.uin();
        this.ownerUin = principal instanceof Principal.SubUser s ? s.ownerUin() : null;
        this.home = home;
        this.groups = groups;
        this.layout = layout;
        this.prefixes = narrow(prefixes);
        this.widePrefixes = this.prefixes == null ? prefixes.toCharArray() : null;
        this.statements = statements;
        this.tries = tries;
        this.otherPatterns = otherPatterns;
        this.otherStatements = otherStatements;
    }

    /** Whether this set was compiled for the caller with this uin and root account uin (null for a root caller). */
    boolean isFor(String callerUin, String callerOwnerUin) {
        return callerUin.equals(uin) && Objects.equals(callerOwnerUin, ownerUin);
    }

    /** A sub-user caller's root account; null otherwise. */
    RootAccount home() {
        return home;
    }

    /** Adds to {@code into} the statements that cover the action and the resource and apply to a request to {@code bucket}. */
    void collect(ActionKey action, ResourceName resource, Bucket bucket, ConditionContext context, Matches into) {
        int id = action.id();
        if (id < 0) {
            collectOther(action.name(), resource, bucket, context, into);
            return;
        }
        int group = groups.of(id);
        if (group == 0) {
            return;
        }
        int at = layout[group - 1];
        int n = layout[at];
        if (n < 0) {
            tries[-1 - n].collect(resource, bucket, context, into);
            return;
        }
        String text = resource.resource();
        int length = text.length();
        for (int e = at + 1, end = at + 1 + n * ENTRY; e < end; e += ENTRY) {
            int from = layout[e];
            int to = layout[e + 1];
            int len = to - from;
            if (len <= length && (len < 2 || lastTwo(text, len) == layout[e + 2]) && startsWith(text, from, to)) {
                CompiledStatement s = statements[layout[e + 3]];
                if (s.applies(resource, bucket, to - from, context)) {
                    into.add(s.role(), s.alone());
                }
            }
        }
    }

    /** The two characters before position {@code end} of {@code text}, packed as a layout entry holds them. */
    private static int lastTwo(String text, int end) {
        return pack(text.charAt(end - 1), text.charAt(end - 2));
    }

    /** Two characters as one layout entry holds them. */
    private static int pack(char last, char beforeLast) {
        return last << 16 | beforeLast;
    }

    /**
     * Whether {@code text}, at least as long, starts with {@code prefixes[from, to)}. Compared
     * from the end: one caller's prefixes share their leading characters (bucket, home
     * directory) and differ late.
     */
    private boolean startsWith(String text, int from, int to) {
        byte[] narrow = prefixes;
        if (narrow == null) {
            return startsWithWide(text, from, to);
        }
        for (int i = to - from - 1; i >= 0; i--) {
            if (text.charAt(i) != (char) (narrow[from + i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithWide(String text, int from, int to) {
        for (int i = to - from - 1; i >= 0; i--) {
            if (text.charAt(i) != widePrefixes[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} one byte a character, or null when a character does not fit in one. */
    private static byte[] narrow(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                return null;
            }
            out[i] = (byte) c;
        }
        return out;
    }

    private void collectOther(String name, ResourceName resource, Bucket bucket, ConditionContext context,
            Matches into) {
        for (int i = 0; i < otherPatterns.length; i++) {
            String p = otherPatterns[i];
            if (Glob.isWildcard(p) ? Glob.matches(p, name) : p.equals(name)) {
                CompiledStatement s = otherStatements[i];
                if (s.applies(resource, bucket, 0, context)) {
                    into.add(s.role(), s.alone());
                }
            }
        }
    }

    /** Collects compiled statements with their action patterns, then freezes them into a set. */
    static final class Builder {
        private final List<CompiledStatement> statements = new ArrayList<>();
        private final List<List<String>> actions = new ArrayList<>();

        /** Adds a statement under its normalized action patterns (feature sets already expanded, no repeats). */
        void add(CompiledStatement statement, List<String> normalizedActions) {
            statements.add(statement);
            actions.add(normalizedActions);
        }

        /** The set for {@code principal} (null: everyone) whose root account is {@code home} (null unless a sub-user). */
        RuleSet build(Principal principal, RootAccount home) {
            int count = statements.size();
            int words = (count + 63) >>> 6;
            int actionCount = ActionTable.KNOWN.size();
            // bit i of action a's words: statement i covers action a
            long[] covers = new long[actionCount * words];
            List<String> otherPatterns = new ArrayList<>();
            List<CompiledStatement> otherStatements = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                for (String pattern : actions.get(i)) {
                    ActionKey literal = Glob.isWildcard(pattern) ? null : ActionTable.KNOWN.known(pattern);
                    if (literal != null) {
                        covers[literal.id() * words + (i >>> 6)] |= 1L << i;
                        continue;
                    }
                    otherPatterns.add(pattern);
                    otherStatements.add(statements.get(i));
                    if (Glob.isWildcard(pattern)) {
                        long[] coverage = ActionTable.KNOWN.coverage(pattern);
                        for (int w = 0; w < coverage.length; w++) {
                            for (long bits = coverage[w]; bits != 0; bits &= bits - 1) {
                                int a = w * 64 + Long.numberOfTrailingZeros(bits);
                                covers[a * words + (i >>> 6)] |= 1L << i;
                            }
                        }
                    }
                }
            }
            int[] groupOfAction = new int[actionCount];
            List<Integer> firstActions = new ArrayList<>();
            int slots = 0;
            for (int a = 0; a < actionCount; a++) {
                if (empty(covers, a * words, words)) {
                    continue;
                }
                slots = a + 1;
                int same = -1;
                for (int g = 0; g < firstActions.size() && same < 0; g++) {
                    int b = firstActions.get(g) * words;
                    if (Arrays.equals(covers, a * words, a * words + words, covers, b, b + words)) {
                        same = g;
                    }
                }
                if (same < 0) {
                    same = firstActions.size();
                    firstActions.add(a);
                }
                groupOfAction[a] = same + 1;
            }
            int prefixLength = 0;
            for (CompiledStatement s : statements) {
                prefixLength += s.literalPrefix();
            }
            StringBuilder prefixes = new StringBuilder(prefixLength);
            int[] prefixEnds = new int[count];
            for (int i = 0; i < count; i++) {
                CompiledStatement s = statements.get(i);
                prefixes.append(s.resourceText(), 0, s.literalPrefix());
                prefixEnds[i] = prefixes.length();
            }
            // sized first: a rule set is built for every caller, and growing the table per group copied it over and over
            int groupCount = firstActions.size();
            int[] memberCounts = new int[groupCount];
            int size = groupCount;
            for (int g = 0; g < groupCount; g++) {
                int from = firstActions.get(g) * words;
                for (int w = 0; w < words; w++) {
                    memberCounts[g] += Long.bitCount(covers[from + w]);
                }
                size += memberCounts[g] > LIST_LIMIT ? 1 : 1 + memberCounts[g] * ENTRY;
            }
            int[] layout = new int[size];
            int at = groupCount;
            List<ResourceTrie> tries = new ArrayList<>();
            for (int g = 0; g < groupCount; g++) {
                int from = firstActions.get(g) * words;
                layout[g] = at;
                if (memberCounts[g] > LIST_LIMIT) {
                    ResourceTrie.Builder trie = new ResourceTrie.Builder();
                    for (int w = 0; w < words; w++) {
                        for (long bits = covers[from + w]; bits != 0; bits &= bits - 1) {
                            trie.add(statements.get(w * 64 + Long.numberOfTrailingZeros(bits)));
                        }
                    }
                    layout[at++] = -1 - tries.size();
                    tries.add(trie.build());
                    continue;
                }
                layout[at++] = memberCounts[g];
                for (int w = 0; w < words; w++) {
                    for (long bits = covers[from + w]; bits != 0; bits &= bits - 1) {
                        int i = w * 64 + Long.numberOfTrailingZeros(bits);
                        int start = i == 0 ? 0 : prefixEnds[i - 1];
                        int end = prefixEnds[i];
                        layout[at++] = start;
                        layout[at++] = end;
                        layout[at++] = end - start < 2 ? 0 : pack(prefixes.charAt(end - 1), prefixes.charAt(end - 2));
                        layout[at++] = i;
                    }
                }
            }
            return new RuleSet(principal, home, ActionGroups.of(Arrays.copyOf(groupOfAction, slots)), layout,
                    prefixes.toString(),
                    statements.toArray(NO_STATEMENTS), tries.toArray(NO_TRIES), otherPatterns.toArray(NO_PATTERNS),
                    otherStatements.toArray(NO_STATEMENTS));
        }

        private static boolean empty(long[] covers, int from, int words) {
            for (int w = 0; w < words; w++) {
                if (covers[from + w] != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
