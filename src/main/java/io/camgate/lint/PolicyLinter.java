package io.camgate.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.camgate.authz.Snapshot;
import io.camgate.config.ConfigLoader;
import io.camgate.identity.Bucket;
import io.camgate.policy.PolicyDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Lints the policies of a configuration directory that has loaded: every custom user policy
 * ({@code policies/<name>.json}) and every bucket policy ({@code bucket-policies/<file>}),
 * each through every check; findings come by file, and within a file by statement.
 */
public final class PolicyLinter {
    private final Path dir;
    private final Snapshot snapshot;

    /**
     * @param dir      the configuration directory {@code snapshot} was loaded from
     * @param snapshot the loaded configuration
     */
    public PolicyLinter(Path dir, Snapshot snapshot) {
        this.dir = dir;
        this.snapshot = snapshot;
    }

    /** Every finding. */
    public List<Finding> lint() throws IOException {
        NeverMatching never = new NeverMatching(snapshot.directory());
        ShadowedAllows shadowed = new ShadowedAllows(snapshot.directory(), snapshot.policies());
        QueryValueEncoding encoding = new QueryValueEncoding();
        BucketWildcards wildcards = new BucketWildcards(snapshot.directory());
        SizeLimits sizes = new SizeLimits();
        List<Finding> out = new ArrayList<>();
        for (LintedDocument doc : documents()) {
            List<Finding> found = new ArrayList<>();
            Consumer<Finding> sink = found::add;
            never.check(doc, sink);
            shadowed.check(doc, sink);
            encoding.check(doc, sink);
            wildcards.check(doc, sink);
            sizes.check(doc, sink);
            // by statement; the sort is stable, so the findings on one statement keep the checks' order
            found.sort(Comparator.comparingInt(f -> statementOf(f.pointer())));
            out.addAll(found);
        }
        return out;
    }

    /** The statement index a pointer such as {@code /statement/3/action/0} names; -1 for the whole document. */
    static int statementOf(String pointer) {
        String[] tokens = pointer.split("/");
        return tokens.length > 2 && tokens[2].matches("[0-9]{1,9}") ? Integer.parseInt(tokens[2]) : -1;
    }

    private List<LintedDocument> documents() throws IOException {
        List<LintedDocument> out = new ArrayList<>();
        Map<String, PolicyDocument> users = new TreeMap<>(snapshot.policies().customPolicies());
        for (Map.Entry<String, PolicyDocument> e : users.entrySet()) {
            out.add(read(dir.resolve(ConfigLoader.POLICIES_DIR).resolve(e.getKey() + ".json"), e.getValue()));
        }
        Map<String, PolicyDocument> buckets = new TreeMap<>(snapshot.policies().bucketPolicies());
        for (Map.Entry<String, PolicyDocument> e : buckets.entrySet()) {
            Bucket b = snapshot.directory().bucket(e.getKey()).orElse(null);
            if (b != null && b.policyFile() != null) {
                out.add(read(dir.resolve(ConfigLoader.BUCKET_POLICIES_DIR).resolve(b.policyFile()), e.getValue()));
            }
        }
        return out;
    }

    private static LintedDocument read(Path file, PolicyDocument doc) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonNode json = JsonMapper.builder().build().readTree(text);
        return new LintedDocument(file.toString(), text, json, doc);
    }
}
