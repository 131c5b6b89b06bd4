package io.camgate.authz.index;

import io.camgate.authz.Matches;
import io.camgate.authz.StatementRole;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.ResourceName;
import io.camgate.policy.ResourcePattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The resource patterns of the statements under one action, in a compressed prefix trie
 * keyed by each pattern's literal prefix: its resource segment up to the first {@code *} (or
 * policy variable). A lookup walks the request's resource segment once and checks the whole
 * pattern only at the nodes it passes, so it costs the length of the resource plus the
 * patterns whose prefix the resource really has. Built once by {@link Builder}, then immutable.
 */
final class ResourceTrie {
    private static final Entry[] NO_ENTRIES = {};
    private static final char[] NO_CHARS = {};
    private static final Node[] NO_NODES = {};

    private final Node root;

    private ResourceTrie(Node root) {
        this.root = root;
    }

    /** Adds to {@code into}, in {@code role}, each statement with a pattern that covers the request and applies. */
    void collect(ResourceName resource, ConditionContext context, String callerUin, StatementRole role,
            Matches into) {
        String text = resource.resource();
        Node node = root;
        int pos = 0;
        while (true) {
            for (Entry e : node.entries) {
                if (e.statement.applies(e.pattern, resource, context, callerUin)) {
                    into.add(role, e.statement.alone());
                }
            }
            if (pos >= text.length()) {
                return;
            }
            Node child = node.child(text.charAt(pos));
            if (child == null) {
                return;
            }
            int len = child.to - child.from;
            if (!text.regionMatches(pos, child.label, child.from, len)) {
                return;
            }
            pos += len;
            node = child;
        }
    }

    /** One resource pattern of one statement. */
    private record Entry(CompiledStatement statement, ResourcePattern pattern) {
    }

    /** A trie node: the edge label into it is {@code label[from, to)}. */
    private static final class Node {
        final String label;
        final int from;
        final int to;
        final Entry[] entries;
        final char[] firsts;
        final Node[] children;

        Node(String label, int from, int to, Entry[] entries, char[] firsts, Node[] children) {
            this.label = label;
            this.from = from;
            this.to = to;
            this.entries = entries;
            this.firsts = firsts;
            this.children = children;
        }

        Node child(char c) {
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
    }

    /** Collects patterns, then freezes them into a trie. */
    static final class Builder {
        private final List<Item> items = new ArrayList<>();

        /**
         * Adds one resource pattern of a statement.
         *
         * @param callerVariables whether {@code ${...}} in the pattern is still to be filled in per request
         */
        Builder add(CompiledStatement statement, ResourcePattern pattern, boolean callerVariables) {
            String key = pattern.isAny() ? "" : pattern.resource();
            int end = key.indexOf('*');
            if (callerVariables) {
                int variable = key.indexOf("${");
                if (variable >= 0 && (end < 0 || variable < end)) {
                    end = variable;
                }
            }
            items.add(new Item(key, end < 0 ? key.length() : end, new Entry(statement, pattern)));
            return this;
        }

        boolean isEmpty() {
            return items.isEmpty();
        }

        ResourceTrie build() {
            items.sort(Item.ORDER);
            return new ResourceTrie(node("", 0, 0, 0, items.size()));
        }

        /** The node for items {@code [lo, hi)}, which share their first {@code depth} characters. */
        private Node node(String label, int from, int depth, int lo, int hi) {
            int i = lo;
            while (i < hi && items.get(i).length == depth) {
                i++;
            }
            Entry[] entries = i == lo ? NO_ENTRIES : new Entry[i - lo];
            for (int k = lo; k < i; k++) {
                entries[k - lo] = items.get(k).entry;
            }
            List<Node> children = new ArrayList<>();
            StringBuilder firsts = new StringBuilder();
            while (i < hi) {
                char c = items.get(i).key.charAt(depth);
                int j = i + 1;
                while (j < hi && items.get(j).key.charAt(depth) == c) {
                    j++;
                }
                int shared = items.get(i).commonPrefix(items.get(j - 1));
                children.add(node(items.get(i).key, depth, shared, i, j));
                firsts.append(c);
                i = j;
            }
            return children.isEmpty()
                    ? new Node(label, from, depth, entries, NO_CHARS, NO_NODES)
                    : new Node(label, from, depth, entries, firsts.toString().toCharArray(),
                            children.toArray(NO_NODES));
        }

        /** A pattern waiting to be placed: its literal prefix is {@code key[0, length)}. */
        private record Item(String key, int length, Entry entry) {
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
