package io.camgate.lint;

import io.camgate.cos.Operation;
import io.camgate.cos.OperationTable;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import io.camgate.policy.ActionPattern;
import io.camgate.policy.Glob;
import io.camgate.policy.ResourcePattern;
import io.camgate.policy.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Patterns that can never match: actions that no operation of their service has (for the
 * services the gateway classifies, COS and CI), and resources naming a bucket, an account or a
 * region the directory does not have.
 */
final class NeverMatching {
    /** The known actions of each classified service, normalized, with their spelling in the table. */
    private final Map<String, Map<String, String>> actionsByService = new TreeMap<>();
    private final Directory directory;
    private final Set<String> appids = new HashSet<>();
    private final Set<String> regions = new HashSet<>();

    NeverMatching(Directory directory) {
        this.directory = directory;
        for (Operation op : OperationTable.get().operations()) {
            String normalized = ActionPattern.normalize(op.action());
            actionsByService.computeIfAbsent(service(normalized), s -> new TreeMap<>()).put(normalized, op.action());
        }
        for (RootAccount root : directory.accounts()) {
            appids.add(root.appid());
            root.buckets().forEach(b -> regions.add(b.region()));
        }
    }

    void check(LintedDocument doc, Consumer<Finding> out) {
        for (Statement s : doc.document().statements()) {
            for (int i = 0; i < s.actions().size(); i++) {
                action(doc, s, i, out);
            }
            for (int i = 0; i < s.resources().size(); i++) {
                String reason = resource(s.resources().get(i));
                if (reason != null) {
                    out.accept(new Finding(doc.file(), doc.pointer(s, "resource", i), Finding.Kind.UNKNOWN_RESOURCE,
                            reason, null));
                }
            }
        }
    }

    private void action(LintedDocument doc, Statement s, int i, Consumer<Finding> out) {
        ActionPattern pattern = s.actions().get(i);
        if (pattern.isFeatureSet()) {
            return;
        }
        Map<String, String> known = actionsByService.get(service(pattern.normalized()));
        if (known == null || known.keySet().stream().anyMatch(pattern::matchesNormalized)) {
            return;
        }
        String nearest = Glob.isWildcard(pattern.normalized()) ? null : nearest(pattern.normalized(), known);
        out.accept(new Finding(doc.file(), doc.pointer(s, "action", i), Finding.Kind.UNKNOWN_ACTION,
                "no " + service(pattern.normalized()) + " operation has the action \"" + pattern.source()
                        + "\": it never matches",
                nearest == null ? null : "name/" + nearest));
    }

    /** Why the resource can never match, or null. */
    private String resource(ResourcePattern r) {
        if (r.isAny() || !(r.service().equals("cos") || r.service().equals("ci"))) {
            return null;
        }
        String account = r.account();
        if (account.startsWith("uid/") && !Glob.isWildcard(account) && !account.contains("${")
                && !appids.contains(account.substring(4))) {
            return "no root account of accounts.yaml has the APPID " + account.substring(4);
        }
        String bucket = BucketWildcards.bucketPart(r);
        if (bucket != null && !Glob.isWildcard(bucket) && !bucket.contains("${")) {
            Bucket known = directory.bucket(bucket).orElse(null);
            if (known == null) {
                return "accounts.yaml has no bucket \"" + bucket + "\"";
            }
            if (!r.region().isEmpty() && !Glob.isWildcard(r.region()) && !r.region().equals(known.region())) {
                return "bucket " + bucket + " is in " + known.region() + ", not " + r.region();
            }
        }
        if (!r.region().isEmpty() && !Glob.isWildcard(r.region()) && !regions.contains(r.region())) {
            return "no bucket of accounts.yaml is in the region " + r.region();
        }
        return null;
    }

    private static String service(String normalized) {
        int colon = normalized.indexOf(':');
        return colon < 0 ? "" : normalized.substring(0, colon);
    }

    /** The known action closest to a misspelt one, when it is close (a few edits). */
    private static String nearest(String normalized, Map<String, String> known) {
        String best = null;
        int bestDistance = 4;
        for (Map.Entry<String, String> e : known.entrySet()) {
            int d = distance(normalized, e.getKey());
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getValue();
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
