package io.camgate.identity;

import io.camgate.policy.ActionPattern;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every account, user, group, key, bucket and feature set the gateway knows, indexed for
 * lookup. Immutable. Consistency (unique uins and SecretIds, groups that exist, buckets whose
 * APPID is their account's) is checked by whoever builds it, so that problems can be reported
 * against the source file; the constructor only refuses outright ambiguity.
 */
public final class Directory {
    private final List<RootAccount> accounts;
    private final Map<String, List<ActionPattern>> featureSets;
    private final Map<String, RootAccount> rootsByUin = new HashMap<>();
    private final Map<String, RootAccount> rootsByAppid = new HashMap<>();
    private final Map<String, SubUser> usersByUin = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, AccessKey> keys = new HashMap<>();
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<String, RateLimit> limits;

    /**
     * @param accounts    the root accounts with everything they hold
     * @param featureSets feature sets by {@link ActionPattern#featureSetKey key} ({@code permid/<id>})
     * @throws IllegalArgumentException when a uin, APPID, group, SecretId or bucket appears twice
     */
    public Directory(List<RootAccount> accounts, Map<String, List<ActionPattern>> featureSets) {
        this(accounts, featureSets, Map.of());
    }

    /**
     * A directory whose sub-accounts and keys may carry rate limits.
     *
     * @param limits the limits by sub-user uin or by SecretId (the two never look alike: a
     *               uin is digits, a SecretId is not)
     */
    public Directory(List<RootAccount> accounts, Map<String, List<ActionPattern>> featureSets,
            Map<String, RateLimit> limits) {
        this.accounts = List.copyOf(accounts);
        this.featureSets = Map.copyOf(featureSets);
        this.limits = Map.copyOf(limits);
        for (RootAccount root : accounts) {
            if (usersByUin.containsKey(root.uin())) {
                throw new IllegalArgumentException("uin " + root.uin() + " is given twice");
            }
            unique(rootsByUin, root.uin(), root, "uin");
            unique(rootsByAppid, root.appid(), root, "APPID");
            root.keys().forEach(k -> unique(keys, k.secretId(), k, "SecretId"));
            for (SubUser user : root.users()) {
                if (rootsByUin.containsKey(user.uin())) {
                    throw new IllegalArgumentException("uin " + user.uin() + " is given twice");
                }
                unique(usersByUin, user.uin(), user, "uin");
                user.keys().forEach(k -> unique(keys, k.secretId(), k, "SecretId"));
            }
            root.groups().forEach(g -> unique(groups, groupKey(root.uin(), g.id()), g, "group"));
            root.buckets().forEach(b -> unique(buckets, b.name(), b, "bucket"));
        }
    }

    private static <V> void unique(Map<String, V> map, String key, V value, String what) {
        if (map.putIfAbsent(key, value) != null) {
            throw new IllegalArgumentException(what + " " + key + " is given twice");
        }
    }

    private static String groupKey(String ownerUin, String id) {
        return ownerUin + "/" + id;
    }

    /** An empty directory. */
    public static Directory empty() {
        return new Directory(List.of(), Map.of());
    }

    /** Every root account, in configuration order. */
    public List<RootAccount> accounts() {
        return accounts;
    }

    /** The root account with this uin. */
    public Optional<RootAccount> rootByUin(String uin) {
        return Optional.ofNullable(rootsByUin.get(uin));
    }

    /** The root account with this APPID. */
    public Optional<RootAccount> rootByAppid(String appid) {
        return Optional.ofNullable(rootsByAppid.get(appid));
    }

    /** The sub-user with this uin. */
    public Optional<SubUser> user(String uin) {
        return Optional.ofNullable(usersByUin.get(uin));
    }

    /** Group {@code id} of root account {@code ownerUin}. */
    public Optional<Group> group(String ownerUin, String id) {
        return Optional.ofNullable(groups.get(groupKey(ownerUin, id)));
    }

    /** The key with this SecretId, whatever its status. */
    public Optional<AccessKey> key(String secretId) {
        return Optional.ofNullable(keys.get(secretId));
    }

    /** The bucket with this full name ({@code name-appid}). */
    public Optional<Bucket> bucket(String name) {
        return Optional.ofNullable(buckets.get(name));
    }

    /** The actions of feature set {@code key} ({@code permid/<id>}, lower case). */
    public Optional<List<ActionPattern>> featureSet(String key) {
        return Optional.ofNullable(featureSets.get(key));
    }

    /** Every feature set by key. */
    public Map<String, List<ActionPattern>> featureSets() {
        return featureSets;
    }

    /** The limits of the sub-user or root account {@code uin}, or of the key {@code secretId}. */
    public Optional<RateLimit> limit(String uinOrSecretId) {
        return Optional.ofNullable(limits.get(uinOrSecretId));
    }

    /** Whether any sub-account or key carries a limit, so that callers can skip the lookups. */
    public boolean hasLimits() {
        return !limits.isEmpty();
    }

    /** The principal a uin names: a root account, a sub-user, or empty when unknown. */
    public Optional<Principal> principal(String uin) {
        RootAccount root = rootsByUin.get(uin);
        if (root != null) {
            return Optional.of(new Principal.Root(uin));
        }
        SubUser user = usersByUin.get(uin);
        return user == null ? Optional.empty() : Optional.of(new Principal.SubUser(uin, user.ownerUin()));
    }

    /** The principal that holds {@code key}. */
    public Principal holder(AccessKey key) {
        return principal(key.holderUin()).orElseThrow(
                () -> new IllegalStateException("key " + key.secretId() + " has no holder in the directory"));
    }
}
