package io.camgate.lint;

import io.camgate.identity.Directory;
import io.camgate.policy.ResourcePattern;
import io.camgate.policy.Statement;
import java.util.function.Consumer;

/**
 * Resources whose bucket name holds a wildcard: {@code examplebucket-1250000001*} also covers
 * {@code examplebucket-1250000001-backup}, and {@code example*} every bucket that starts so.
 * A statement that means one bucket should name it in full and put the wildcard after the
 * slash.
 */
final class BucketWildcards {
    private final Directory directory;

    BucketWildcards(Directory directory) {
        this.directory = directory;
    }

    /**
     * The bucket part of a COS or CI resource ({@code bucket-appid} before the first slash; for
     * CI after {@code bucket/}), or null when the resource names no bucket.
     */
    static String bucketPart(ResourcePattern r) {
        if (r.isAny()) {
            return null;
        }
        String rest = r.resource();
        if (r.service().equals("ci")) {
            if (!rest.startsWith("bucket/")) {
                return null;
            }
            rest = rest.substring("bucket/".length());
        } else if (!r.service().equals("cos")) {
            return null;
        }
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    void check(LintedDocument doc, Consumer<Finding> out) {
        for (Statement s : doc.document().statements()) {
            for (int i = 0; i < s.resources().size(); i++) {
                ResourcePattern r = s.resources().get(i);
                String bucket = bucketPart(r);
                if (bucket == null || bucket.equals("*") || !bucket.contains("*")) {
                    continue;
                }
                String named = bucket.substring(0, bucket.indexOf('*'));
                String suggestion = null;
                if (bucket.endsWith("*") && bucket.indexOf('*') == bucket.length() - 1
                        && directory.bucket(named).isPresent()) {
                    String source = r.source();
                    int at = source.lastIndexOf(bucket);
                    String after = source.substring(at + bucket.length());
                    // the bucket part ends at the first slash, so what follows is empty or starts with one
                    suggestion = source.substring(0, at) + named + (after.isEmpty() ? "/*" : after);
                }
                out.accept(new Finding(doc.file(), doc.pointer(s, "resource", i), Finding.Kind.BUCKET_WILDCARD,
                        "the wildcard in the bucket name \"" + bucket + "\" reaches every bucket whose name "
                                + (named.isEmpty() ? "fits it" : "starts with \"" + named + "\"")
                                + ", not just one; name the bucket in full and put the wildcard after the slash",
                        suggestion));
            }
        }
    }
}
