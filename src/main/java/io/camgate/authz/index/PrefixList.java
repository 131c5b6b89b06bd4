package io.camgate.authz.index;

import io.camgate.authz.Matches;
import io.camgate.identity.Bucket;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.ResourceName;

/**
 * A few compiled statements with the literal prefixes of their resource patterns packed into
 * one array: a lookup compares the request's resource against each prefix in that array and
 * reads a statement only where its prefix matches. For the handful of statements one caller
 * has under one action this touches two or three cache lines, where a trie would chase a
 * pointer per node.
 */
final class PrefixList implements Candidates {
    /** Above this many statements a {@link ResourceTrie} is used, so a lookup stays O(resource length). */
    static final int MAXIMUM = 16;

    /** Every statement's literal prefix, one after the other. */
    private final char[] prefixes;
    /** Where statement {@code i}'s prefix ends in {@link #prefixes}; it starts where statement {@code i - 1}'s ends. */
    private final int[] ends;
    private final CompiledStatement[] statements;

    PrefixList(CompiledStatement[] statements) {
        this.statements = statements;
        this.ends = new int[statements.length];
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < statements.length; i++) {
            all.append(statements[i].resourceText(), 0, statements[i].literalPrefix());
            ends[i] = all.length();
        }
        this.prefixes = all.toString().toCharArray();
    }

    @Override
    public void collect(ResourceName resource, Bucket bucket, ConditionContext context, Matches into) {
        String text = resource.resource();
        int start = 0;
        for (int i = 0; i < ends.length; i++) {
            int end = ends[i];
            if (startsWith(text, start, end)) {
                CompiledStatement s = statements[i];
                if (s.applies(resource, bucket, end - start, context)) {
                    into.add(s.role(), s.alone());
                }
            }
            start = end;
        }
    }

    /**
     * Whether {@code text} starts with {@code prefixes[from, to)}. Compared from the end: one
     * caller's prefixes share their leading characters (bucket, home directory) and differ late.
     */
    private boolean startsWith(String text, int from, int to) {
        int len = to - from;
        if (text.length() < len) {
            return false;
        }
        for (int i = len - 1; i >= 0; i--) {
            if (text.charAt(i) != prefixes[from + i]) {
                return false;
            }
        }
        return true;
    }
}
