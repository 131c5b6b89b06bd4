package io.camgate.authz;

import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.Group;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ActionPattern;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Effect;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyParser;
import io.camgate.policy.PolicyProblem;
import io.camgate.policy.ResourceName;
import io.camgate.policy.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one test fixture: a small world of root accounts, sub-users, groups, buckets, user
 * policies, bucket policies and feature sets, written so a test reads like its scenario:
 *
 * <pre>{@code
 * World world = new World()
 *         .root("100", "1250000100")
 *         .bucket("100", "photos-1250000100")
 *         .user("100", "101", "ReadPhotos")
 *         .policy("ReadPhotos", "...json...");
 * world.decide(world.user("101"), "cos:GetObject", World.object("photos-1250000100", "a.jpg"));
 * }</pre>
 *
 * <p>Also the single place tests parse policy documents ({@link #userPolicy}, {@link #bucketPolicy},
 * {@link #problemsOf}) and write conditions ({@link #context}).
 */
public final class World {
    /** The region every fixture bucket lives in. */
    public static final String REGION = "ap-guangzhou";

    private final Map<String, String> appids = new LinkedHashMap<>();
    private final Map<String, List<SubUser>> users = new LinkedHashMap<>();
    private final Map<String, List<Group>> groups = new LinkedHashMap<>();
    private final Map<String, List<Bucket>> buckets = new LinkedHashMap<>();
    private final Map<String, PolicyDocument> policies = new LinkedHashMap<>();
    private final Map<String, PolicyDocument> bucketPolicies = new LinkedHashMap<>();
    private final Map<String, List<ActionPattern>> featureSets = new LinkedHashMap<>();
    private Snapshot snapshot;

    /** Adds root account {@code uin} with APPID {@code appid}. */
    public World root(String uin, String appid) {
        appids.put(uin, appid);
        users.put(uin, new ArrayList<>());
        groups.put(uin, new ArrayList<>());
        buckets.put(uin, new ArrayList<>());
        return changed();
    }

    /** Adds bucket {@code name} ({@code <name>-<appid>}) to root account {@code ownerUin}. */
    public World bucket(String ownerUin, String name) {
        buckets.get(ownerUin).add(new Bucket(name, appids.get(ownerUin), REGION, ownerUin, null));
        return changed();
    }

    /** Adds sub-user {@code uin} of {@code ownerUin} with the policies attached directly. */
    public World user(String ownerUin, String uin, String... attached) {
        users.get(ownerUin).add(new SubUser(uin, "user-" + uin, ownerUin, List.of(), List.of(attached), List.of()));
        return changed();
    }

    /** Adds group {@code id} of {@code ownerUin} with the policies attached to it. */
    public World group(String ownerUin, String id, String... attached) {
        groups.get(ownerUin).add(new Group(id, "group-" + id, ownerUin, List.of(attached)));
        return changed();
    }

    /** Puts sub-user {@code uin} in its owner's groups {@code groupIds}. */
    public World member(String uin, String... groupIds) {
        for (List<SubUser> list : users.values()) {
            for (int i = 0; i < list.size(); i++) {
                SubUser u = list.get(i);
                if (u.uin().equals(uin)) {
                    List<String> ids = new ArrayList<>(u.groupIds());
                    ids.addAll(Arrays.asList(groupIds));
                    list.set(i, new SubUser(u.uin(), u.name(), u.ownerUin(), ids, u.policies(), u.keys()));
                }
            }
        }
        return changed();
    }

    /** Adds custom user policy {@code name}. */
    public World policy(String name, String json) {
        policies.put(name, parse(PolicyKind.USER, name, json));
        return changed();
    }

    /** Sets the bucket policy of {@code bucket}. */
    public World bucketPolicy(String bucket, String json) {
        bucketPolicies.put(bucket, parse(PolicyKind.BUCKET, bucket, json));
        return changed();
    }

    /** Adds feature set {@code permid/<id>} with its actions. */
    public World featureSet(String id, String... actions) {
        featureSets.put(ActionPattern.featureSetKey(id),
                Arrays.stream(actions).map(ActionPattern::parse).toList());
        return changed();
    }

    private World changed() {
        snapshot = null;
        return this;
    }

    /** The snapshot of everything added so far. */
    public Snapshot snapshot() {
        if (snapshot == null) {
            List<RootAccount> accounts = new ArrayList<>();
            appids.forEach((uin, appid) -> accounts.add(new RootAccount(uin, appid, List.of(),
                    List.copyOf(users.get(uin)), List.copyOf(groups.get(uin)), List.copyOf(buckets.get(uin)))));
            snapshot = new Snapshot(1, "test", new Directory(accounts, featureSets), new PolicySet(policies, bucketPolicies));
        }
        return snapshot;
    }

    /** The reference evaluator over {@link #snapshot()}. */
    public ReferenceEvaluator evaluator() {
        return new ReferenceEvaluator(snapshot());
    }

    /** The root account {@code uin} as a caller. */
    public Principal rootCaller(String uin) {
        return new Principal.Root(uin);
    }

    /** The sub-user {@code uin} as a caller. */
    public Principal user(String uin) {
        return snapshot().directory().principal(uin).filter(p -> p instanceof Principal.SubUser)
                .orElseThrow(() -> new IllegalArgumentException("no sub-user " + uin));
    }

    /** An unsigned caller. */
    public static Principal anonymous() {
        return Principal.ANONYMOUS;
    }

    /** Decides one action on one resource with an empty condition context. */
    public Decision decide(Principal caller, String action, String resource) {
        return decide(caller, action, resource, ConditionContext.EMPTY);
    }

    /** Decides one action on one resource. */
    public Decision decide(Principal caller, String action, String resource, ConditionContext context) {
        return evaluator().decide(caller, need(action, resource), context);
    }

    /** A need: {@code action} on {@code resource}. */
    public static Need need(String action, String resource) {
        ResourceName name = ResourceName.parse(resource);
        if (name == null) {
            throw new IllegalArgumentException("not a request resource: " + resource);
        }
        return new Need(action, name);
    }

    /** The COS resource of {@code key} in {@code bucket} ({@code name-appid}): {@code qcs::cos:<region>:uid/<appid>:<bucket>/<key>}. */
    public static String object(String bucket, String key) {
        String appid = bucket.substring(bucket.lastIndexOf('-') + 1);
        return "qcs::cos:" + REGION + ":uid/" + appid + ":" + bucket + "/" + key;
    }

    /** The bucket-level COS resource {@code …:<bucket>/}. */
    public static String bucketItself(String bucket) {
        return object(bucket, "");
    }

    /** A condition context from key/value pairs; a key given twice gets both values. */
    public static ConditionContext context(String... keysAndValues) {
        ConditionContext.Builder b = ConditionContext.builder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            b.add(keysAndValues[i], keysAndValues[i + 1]);
        }
        return b.build();
    }

    /** A version 2.0 document with these statements (see {@link #allow}, {@link #deny}). */
    public static String doc(String... statements) {
        return "{\"version\":\"2.0\",\"statement\":[" + String.join(",", statements) + "]}";
    }

    /** A statement allowing {@code action} on {@code resource}. */
    public static String allow(String action, String resource) {
        return statement("allow", action, resource);
    }

    /** A statement denying {@code action} on {@code resource}. */
    public static String deny(String action, String resource) {
        return statement("deny", action, resource);
    }

    /** {@code statement} (from {@link #allow}/{@link #deny}) speaking for {@code principals} in a bucket policy. */
    public static String forPrincipals(String statement, String... principals) {
        return "{\"principal\":{\"qcs\":[\"" + String.join("\",\"", principals) + "\"]},"
                + statement.substring(1);
    }

    /** {@code statement} with {@code conditionJson} as its condition. */
    public static String when(String statement, String conditionJson) {
        return statement.substring(0, statement.length() - 1) + ",\"condition\":" + conditionJson + "}";
    }

    private static String statement(String effect, String action, String resource) {
        return "{\"effect\":\"" + effect + "\",\"action\":\"" + action + "\",\"resource\":\"" + resource + "\"}";
    }

    /** The reference to statement {@code index} of user policy {@code policy}. */
    public static StatementRef userStatement(String policy, int index, Effect effect) {
        return new StatementRef(PolicySource.USER, policy, index, effect);
    }

    /** The reference to statement {@code index} of the bucket policy of {@code bucket}. */
    public static StatementRef bucketStatement(String bucket, int index, Effect effect) {
        return new StatementRef(PolicySource.BUCKET, bucket, index, effect);
    }

    /** Parses a user policy that must be valid. */
    public static PolicyDocument userPolicy(String json) {
        return parse(PolicyKind.USER, "test", json);
    }

    /** Parses a bucket policy that must be valid. */
    public static PolicyDocument bucketPolicy(String json) {
        return parse(PolicyKind.BUCKET, "test", json);
    }

    /**
     * The only statement of a user policy that allows everything on everything under
     * {@code conditionJson} (the value of {@code "condition"}).
     */
    public static Statement allowWhen(String conditionJson) {
        return userPolicy("{\"version\":\"2.0\",\"statement\":{\"effect\":\"allow\",\"action\":\"*\","
                + "\"resource\":\"*\",\"condition\":" + conditionJson + "}}").statements().get(0);
    }

    /** The problems of a document that must be rejected, read from file {@code bad.json}. */
    public static List<PolicyProblem> problemsOf(PolicyKind kind, String json) {
        try {
            PolicyDocument doc = PolicyParser.parse("bad.json", "bad", kind, json);
            throw new AssertionError("expected the document to be rejected, got " + doc);
        } catch (PolicyException e) {
            return e.problems();
        }
    }

    private static PolicyDocument parse(PolicyKind kind, String name, String json) {
        try {
            return PolicyParser.parse(name + ".json", name, kind, json);
        } catch (PolicyException e) {
            throw new IllegalArgumentException("fixture policy " + name + " does not parse:\n" + e.getMessage(), e);
        }
    }
}
