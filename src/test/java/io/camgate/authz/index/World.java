package io.camgate.authz.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camgate.authz.PolicySet;
import io.camgate.authz.Snapshot;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.Group;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ActionPattern;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyParser;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated policy world in plain, mutable form, so that a failing case can be shrunk by
 * deleting parts of it and printed as JSON. {@link #snapshot} turns it into what engines read.
 */
final class World {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Root(String uin, String appid, List<User> users, List<Grp> groups, List<Bkt> buckets) {
    }

    record User(String uin, List<String> groups, List<String> policies) {
    }

    record Grp(String id, List<String> policies) {
    }

    record Bkt(String name, String region) {
    }

    record Cond(String operator, String key, List<String> values) {
    }

    record Stmt(String effect, List<String> actions, List<String> resources, List<Cond> conditions,
            List<String> principals) {
    }

    record Policy(List<Stmt> statements, List<String> documentPrincipals) {
    }

    final List<Root> roots = new ArrayList<>();
    final Map<String, Policy> userPolicies = new LinkedHashMap<>();
    final Map<String, Policy> bucketPolicies = new LinkedHashMap<>();
    final Map<String, List<String>> featureSets = new LinkedHashMap<>();

    Snapshot snapshot(long generation) {
        List<RootAccount> accounts = new ArrayList<>();
        for (Root r : roots) {
            List<SubUser> users = new ArrayList<>();
            for (User u : r.users) {
                users.add(new SubUser(u.uin, "user" + u.uin, r.uin, List.copyOf(u.groups), List.copyOf(u.policies),
                        List.of()));
            }
            List<Group> groups = new ArrayList<>();
            for (Grp g : r.groups) {
                groups.add(new Group(g.id, "group" + g.id, r.uin, List.copyOf(g.policies)));
            }
            List<Bucket> buckets = new ArrayList<>();
            for (Bkt b : r.buckets) {
                buckets.add(new Bucket(b.name, r.appid, b.region, r.uin, null));
            }
            accounts.add(new RootAccount(r.uin, r.appid, List.of(), users, groups, buckets));
        }
        Map<String, List<ActionPattern>> sets = new LinkedHashMap<>();
        featureSets.forEach((id, actions) -> sets.put(ActionPattern.featureSetKey(id),
                actions.stream().map(ActionPattern::parse).toList()));
        Map<String, PolicyDocument> user = new LinkedHashMap<>();
        userPolicies.forEach((name, p) -> user.put(name, parse(name, PolicyKind.USER, p)));
        Map<String, PolicyDocument> bucket = new LinkedHashMap<>();
        bucketPolicies.forEach((name, p) -> bucket.put(name, parse(name, PolicyKind.BUCKET, p)));
        return new Snapshot(generation, "test", new Directory(accounts, sets), new PolicySet(user, bucket));
    }

    static PolicyDocument parse(String name, PolicyKind kind, Policy policy) {
        try {
            return PolicyParser.parse(name + ".json", name, kind, json(policy));
        } catch (PolicyException e) {
            throw new IllegalStateException(json(policy) + " does not parse: " + e.getMessage(), e);
        }
    }

    static String json(Policy policy) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", "2.0");
        if (!policy.documentPrincipals.isEmpty()) {
            doc.put("principal", Map.of("qcs", policy.documentPrincipals));
        }
        List<Object> statements = new ArrayList<>();
        for (Stmt s : policy.statements) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("effect", s.effect);
            st.put("action", s.actions);
            st.put("resource", s.resources);
            if (!s.conditions.isEmpty()) {
                Map<String, Map<String, List<String>>> condition = new LinkedHashMap<>();
                for (Cond c : s.conditions) {
                    condition.computeIfAbsent(c.operator, k -> new LinkedHashMap<>())
                            .computeIfAbsent(c.key, k -> new ArrayList<>()).addAll(c.values);
                }
                st.put("condition", condition);
            }
            if (!s.principals.isEmpty()) {
                st.put("principal", s.principals.equals(List.of("*")) ? "*" : Map.of("qcs", s.principals));
            }
            statements.add(st);
        }
        doc.put("statement", statements);
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The world as readable text: accounts, feature sets and every document. */
    String describe() {
        StringBuilder out = new StringBuilder();
        for (Root r : roots) {
            out.append("root ").append(r.uin).append(" appid ").append(r.appid).append('\n');
            r.users.forEach(u -> out.append("  user ").append(u.uin).append(" groups ").append(u.groups)
                    .append(" policies ").append(u.policies).append('\n'));
            r.groups.forEach(g -> out.append("  group ").append(g.id).append(" policies ").append(g.policies)
                    .append('\n'));
            r.buckets.forEach(b -> out.append("  bucket ").append(b.name).append(' ').append(b.region).append('\n'));
        }
        featureSets.forEach((id, a) -> out.append("featureset permid/").append(id).append(' ').append(a).append('\n'));
        userPolicies.forEach((n, p) -> out.append("policy ").append(n).append(' ').append(json(p)).append('\n'));
        bucketPolicies.forEach((n, p) -> out.append("bucket policy ").append(n).append(' ').append(json(p))
                .append('\n'));
        return out.toString();
    }
}
