package io.camgate.authz.index;

import io.camgate.authz.Matches;
import io.camgate.identity.Bucket;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.ResourceName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The resource patterns of the many statements under one action, in a compressed prefix trie
 * keyed by each pattern's literal prefix: its resource segment up to the first {@code *} (or
 * policy variable). A lookup walks the request's resource segment once and checks the whole
 * pattern only at the nodes it passes, so it costs the length of the resource plus the
 * patterns whose prefix the resource really has. Built once by {@link Builder}, then immutable;
 * an instance is the trie's root, whose label is the prefix every pattern shares.
 */
final class ResourceTrie {
    private static final char[] NO_CHARS = {};
    private static final ResourceTrie[] NO_NODES = {};

    /** The edge label into this node is {@code label[from, to)}; the node stands for {@code label[0, to)}. */
    private final String label;
    private final int from;
    private final int to;
    /**
     * The statements whose literal prefix ends at this node: null, one {@link CompiledStatement},
     * or an array of several. Most nodes end one pattern, and an array for it would cost 24 bytes
     * per node, a tenth of what the index keeps per statement.
     */
    private final Object statements;
    private final char[] firsts;
    private final ResourceTrie[] children;

    private ResourceTrie(String label, int from, int to, Object statements, char[] firsts,
            ResourceTrie[] children) {
        this.label = label;
        this.from = from;
        this.to = to;
        this.statements = statements;
        this.firsts = firsts;
        this.children = children;
    }

    /** Adds to {@code into}, each in its role, the statements whose pattern covers the resource and that apply. */
    void collect(ResourceName resource, Bucket bucket, ConditionContext context, Matches into) {
        String text = resource.resource();
        ResourceTrie node = this;
        int pos = 0;
        while (true) {
            if (!node.labelMatches(text, pos)) {
                return;
            }
            pos += node.to - node.from;
            Object here = node.statements;
            if (here instanceof CompiledStatement one) {
                collectOne(one, resource, bucket, pos, context, into);
            } else if (here != null) {
                for (CompiledStatement s : (CompiledStatement[]) here) {
                    collectOne(s, resource, bucket, pos, context, into);
                }
            }
            if (pos >= text.length()) {
                return;
            }
            node = node.child(text.charAt(pos));
            if (node == null) {
                return;
            }
        }
    }

    private static void collectOne(CompiledStatement s, ResourceName resource, Bucket bucket, int verified,
            ConditionContext context, Matches into) {
        if (s.applies(resource, bucket, verified, context)) {
            into.add(s.role(), s.alone());
        }
    }

    /**
     * Whether {@code text} continues with this node's label at {@code pos}. Compared from the
     * end: sibling tries of one principal share their leading characters and differ late.
     */
    private boolean labelMatches(String text, int pos) {
        int len = to - from;
        if (text.length() - pos < len) {
            return false;
        }
        for (int i = len - 1; i >= 0; i--) {
            if (text.charAt(pos + i) != label.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }

    private ResourceTrie child(char c) {
        int lo = 0;
        int hi = firsts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = firsts[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return children[mid];
            }
        }
        return null;
    }

    /** Collects patterns, then freezes them into a trie. */
    static final class Builder {
        private final List<Item> items = new ArrayList<>();

        /** Adds one compiled resource pattern. */
        Builder add(CompiledStatement statement) {
            items.add(new Item(statement.resourceText(), statement.literalPrefix(), statement));
            return this;
        }

        ResourceTrie build() {
            items.sort(Item.ORDER);
            Item first = items.get(0);
            return node(first.key, 0, first.commonPrefix(items.get(items.size() - 1)), 0, items.size());
        }

        /** The node for items {@code [lo, hi)}, which share their first {@code depth} characters. */
        private ResourceTrie node(String label, int from, int depth, int lo, int hi) {
            int i = lo;
            while (i < hi && items.get(i).length == depth) {
                i++;
            }
            Object here = null;
            if (i - lo == 1) {
                here = items.get(lo).statement;
            } else if (i > lo) {
                CompiledStatement[] several = new CompiledStatement[i - lo];
                for (int k = lo; k < i; k++) {
                    several[k - lo] = items.get(k).statement;
                }
                here = several;
            }
            List<ResourceTrie> children = new ArrayList<>();
            StringBuilder firsts = new StringBuilder();
            while (i < hi) {
                char c = items.get(i).key.charAt(depth);
                int j = i + 1;
                while (j < hi && items.get(j).key.charAt(depth) == c) {
                    j++;
                }
                children.add(node(items.get(i).key, depth, items.get(i).commonPrefix(items.get(j - 1)), i, j));
                firsts.append(c);
                i = j;
            }
            return children.isEmpty()
                    ? new ResourceTrie(label, from, depth, here, NO_CHARS, NO_NODES)
                    : new ResourceTrie(label, from, depth, here, firsts.toString().toCharArray(),
                            children.toArray(NO_NODES));
        }

        /** A pattern waiting to be placed: its literal prefix is {@code key[0, length)}. */
        private record Item(String key, int length, CompiledStatement statement) {
            static final Comparator<Item> ORDER = (a, b) -> {
                int n = Math.min(a.length, b.length);
                for (int k = 0; k < n; k++) {
                    int d = a.key.charAt(k) - b.key.charAt(k);
                    if (d != 0) {
                        return d;
                    }
                }
                return Integer.compare(a.length, b.length);
            };

            int commonPrefix(Item other) {
                int n = Math.min(length, other.length);
                int k = 0;
                while (k < n && key.charAt(k) == other.key.charAt(k)) {
                    k++;
                }
                return k;
            }
        }
    }
}
