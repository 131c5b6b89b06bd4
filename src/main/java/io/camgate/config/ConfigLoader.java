package io.camgate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camgate.authz.PolicySet;
import io.camgate.authz.Snapshot;
import io.camgate.identity.AccessKey;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.Group;
import io.camgate.identity.KeyStatus;
import io.camgate.identity.RateLimit;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ActionPattern;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyParser;
import io.camgate.policy.PolicyProblem;
import io.camgate.policy.Presets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Reads a configuration directory into a {@link Snapshot}: {@code accounts.yaml} (the
 * directory), {@code policies/<name>.json} (user policies, named by file) and
 * {@code bucket-policies/<file>.json} (named from {@code accounts.yaml}). All files are read
 * and checked before anything is returned; any problem anywhere rejects the whole directory.
 */
public final class ConfigLoader {
    /** The directory file. */
    public static final String ACCOUNTS_FILE = "accounts.yaml";
    /** The folder of user policies. */
    public static final String POLICIES_DIR = "policies";
    /** The folder of bucket policies. */
    public static final String BUCKET_POLICIES_DIR = "bucket-policies";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("accounts", "featureSets");
    private static final Set<String> ACCOUNT = Set.of("uin", "appid", "keys", "users", "groups", "buckets");
    private static final Set<String> LIMITS = Set.of("requestsPerSecond", "bytesPerSecond");
    private static final Set<String> USER = Set.of("uin", "name", "groups", "policies", "keys", "limits");
    private static final Set<String> GROUP = Set.of("id", "name", "policies");
    private static final Set<String> BUCKET = Set.of("name", "region", "policy");
    private static final Set<String> KEY = Set.of("secretId", "secretKey", "secretKeyFile", "secretKeyEnv", "status", "limits");

    private final UnaryOperator<String> environment;

    /**
     * @param environment looks up environment variables for {@code secretKeyEnv}; tests pass a map
     */
    public ConfigLoader(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** A loader that reads the process environment. */
    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System::getenv);
    }

    /**
     * Loads and validates everything under {@code dir}.
     *
     * @param generation the generation number the snapshot carries; its revision is the digest of what was read
     * @throws PolicyException with every problem found, each with file, pointer and reason
     */
    public Snapshot load(Path dir, long generation) throws PolicyException {
        return new Reading(dir).read(generation);
    }

    /** The state of one read of one directory. */
    private final class Reading {
        private final Path dir;
        private final List<PolicyProblem> problems = new ArrayList<>();
        private final Map<String, PolicyDocument> userPolicies = new TreeMap<>();
        /** Policy files that exist but have problems of their own: naming one is no further problem. */
        private final Set<String> brokenPolicies = new HashSet<>();
        private final Map<String, PolicyDocument> bucketPolicies = new TreeMap<>();
        private final Map<String, String> bucketPolicyFiles = new HashMap<>();
        private final Set<String> uins = new HashSet<>();
        private final Set<String> appids = new HashSet<>();
        private final Set<String> secretIds = new HashSet<>();
        private final Set<String> bucketNames = new HashSet<>();
        private final Map<String, RateLimit> limits = new HashMap<>();
        private Set<String> featureSetKeys = Set.of();
        private final ContentDigest digest = new ContentDigest();

        Reading(Path dir) {
            this.dir = dir;
        }

        Snapshot read(long generation) throws PolicyException {
            if (!Files.isDirectory(dir)) {
                throw new PolicyException(List.of(new PolicyProblem(dir.toString(), "", "not a directory")));
            }
            JsonNode root = readYaml(dir.resolve(ACCOUNTS_FILE));
            YamlNode top = root == null ? null : new YamlNode(root, "", file(ACCOUNTS_FILE), problems);
            boolean topOk = top != null && top.expectObject(TOP);
            Map<String, List<ActionPattern>> featureSets = topOk ? FeatureSetsSection.read(top.child("featureSets")) : Map.of();
            // unreadable feature sets would make every policy naming one look wrong: check them only when read
            featureSetKeys = topOk ? featureSets.keySet() : null;
            readUserPolicies();
            List<RootAccount> accounts = new ArrayList<>();
            if (topOk) {
                for (YamlNode a : top.child("accounts").items()) {
                    RootAccount account = account(a);
                    if (account != null) {
                        accounts.add(account);
                    }
                }
            }
            if (topOk) {
                // without a readable accounts.yaml no bucket names any file: that is one problem, not one per file
                checkUnusedBucketPolicies();
            }
            if (!problems.isEmpty()) {
                throw new PolicyException(problems);
            }
            return new Snapshot(generation, digest.revision(), new Directory(accounts, featureSets, limits),
                    new PolicySet(userPolicies, bucketPolicies));
        }

        /** The name of {@code p} in the revision: relative to the directory, {@code /} between folders. */
        private String relative(Path p) {
            return dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        }

        private String file(String relative) {
            return dir.resolve(relative).toString();
        }

        private void readUserPolicies() {
            Path folder = dir.resolve(POLICIES_DIR);
            if (!Files.isDirectory(folder)) {
                return;
            }
            for (Path p : jsonFiles(folder)) {
                String fileName = p.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - ".json".length());
                if (Presets.isPreset(name)) {
                    problems.add(new PolicyProblem(p.toString(), "",
                            "\"" + name + "\" is the name of a built-in preset; choose another file name"));
                    continue;
                }
                PolicyDocument doc = parse(p, name, PolicyKind.USER);
                if (doc != null) {
                    userPolicies.put(name, doc);
                } else {
                    brokenPolicies.add(name);
                }
            }
        }

        private List<Path> jsonFiles(Path folder) {
            try (Stream<Path> s = Files.list(folder)) {
                return s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                        .sorted().toList();
            } catch (IOException e) {
                problems.add(new PolicyProblem(folder.toString(), "", "cannot list: " + e.getMessage()));
                return List.of();
            }
        }

        private PolicyDocument parse(Path p, String name, PolicyKind kind) {
            try {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                digest.add(relative(p), text);
                return PolicyParser.parse(p.toString(), name, kind, text, featureSetKeys);
            } catch (PolicyException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                problems.add(new PolicyProblem(p.toString(), "", "cannot read: " + e.getMessage()));
            }
            return null;
        }

        private JsonNode readYaml(Path p) {
            if (!Files.isRegularFile(p)) {
                problems.add(new PolicyProblem(p.toString(), "", "missing: the directory of accounts is required"));
                return null;
            }
            try {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                digest.add(relative(p), text);
                return YAML.readTree(text);
            } catch (JsonProcessingException e) {
                problems.add(new PolicyProblem(p.toString(), "", "not valid YAML: " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
            } catch (IOException e) {
                problems.add(new PolicyProblem(p.toString(), "", "cannot read: " + e.getMessage()));
            }
            return null;
        }

        private RootAccount account(YamlNode a) {
            if (!a.expectObject(ACCOUNT)) {
                return null;
            }
            int before = problems.size();
            String uin = uniqueUin(a.child("uin"));
            String appid = a.child("appid").digits();
            if (appid != null && !appids.add(appid)) {
                a.child("appid").problem("APPID " + appid + " is given to another account too");
            }
            List<AccessKey> keys = keys(a.child("keys"), uin);
            List<Group> groups = new ArrayList<>();
            Set<String> groupIds = new HashSet<>();
            for (YamlNode g : a.child("groups").items()) {
                Group group = group(g, uin, groupIds);
                if (group != null) {
                    groups.add(group);
                }
            }
            List<SubUser> users = new ArrayList<>();
            for (YamlNode u : a.child("users").items()) {
                SubUser user = user(u, uin, groupIds);
                if (user != null) {
                    users.add(user);
                }
            }
            List<Bucket> buckets = new ArrayList<>();
            for (YamlNode b : a.child("buckets").items()) {
                Bucket bucket = bucket(b, uin, appid);
                if (bucket != null) {
                    buckets.add(bucket);
                }
            }
            return problems.size() > before ? null : new RootAccount(uin, appid, keys, users, groups, buckets);
        }

        private String uniqueUin(YamlNode node) {
            String uin = node.digits();
            if (uin != null && !uins.add(uin)) {
                node.problem("uin " + uin + " is given twice");
            }
            return uin;
        }

        private SubUser user(YamlNode u, String ownerUin, Set<String> groupIds) {
            if (!u.expectObject(USER)) {
                return null;
            }
            String uin = uniqueUin(u.child("uin"));
            String name = u.child("name").text(true);
            List<String> groups = u.child("groups").strings();
            for (int i = 0; i < groups.size(); i++) {
                if (!groupIds.contains(groups.get(i))) {
                    u.child("groups").child(String.valueOf(i)).problem(
                            "no group \"" + groups.get(i) + "\" in this account");
                }
            }
            List<String> policies = policyNames(u.child("policies"));
            List<AccessKey> keys = keys(u.child("keys"), uin);
            limit(u.child("limits"), uin);
            return new SubUser(uin, name, ownerUin, List.copyOf(groups), policies, keys);
        }

        private Group group(YamlNode g, String ownerUin, Set<String> groupIds) {
            if (!g.expectObject(GROUP)) {
                return null;
            }
            String id = g.child("id").text(true);
            if (id != null && !groupIds.add(id)) {
                g.child("id").problem("group id " + id + " is given twice in this account");
            }
            String name = g.child("name").text(true);
            return new Group(id, name, ownerUin, policyNames(g.child("policies")));
        }

        private List<String> policyNames(YamlNode node) {
            List<String> names = node.strings();
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (!userPolicies.containsKey(n) && !Presets.isPreset(n) && !brokenPolicies.contains(n)) {
                    node.child(String.valueOf(i)).problem("no policy \"" + n + "\": neither a preset nor "
                            + POLICIES_DIR + "/" + n + ".json");
                }
            }
            return List.copyOf(names);
        }

        private List<AccessKey> keys(YamlNode node, String holderUin) {
            List<AccessKey> out = new ArrayList<>();
            for (YamlNode k : node.items()) {
                if (!k.expectObject(KEY)) {
                    continue;
                }
                String secretId = k.child("secretId").text(true);
                if (secretId != null && !secretIds.add(secretId)) {
                    k.child("secretId").problem("SecretId " + secretId + " is given twice");
                }
                String secret = SecretField.read(k, "secretKey", dir, environment);
                if (secret != null) {
                    // a key file or variable is content the directory's files do not show: hashed, never printed
                    digest.add("\0secretKey" + k.pointer(), secret);
                }
                KeyStatus status = KeyStatus.ACTIVE;
                String statusText = k.child("status").text(false);
                if (statusText != null) {
                    try {
                        status = KeyStatus.valueOf(statusText.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        k.child("status").problem("status is active or inactive, not \"" + statusText + "\"");
                    }
                }
                limit(k.child("limits"), secretId);
                if (secretId != null && secret != null && holderUin != null) {
                    out.add(new AccessKey(secretId, secret, status, holderUin));
                }
            }
            return List.copyOf(out);
        }

        /** Reads an optional {@code limits: {requestsPerSecond, bytesPerSecond}} of a sub-user or key. */
        private void limit(YamlNode node, String subject) {
            if (!node.present() || !node.expectObject(LIMITS)) {
                return;
            }
            long requests = node.child("requestsPerSecond").rate();
            long bytes = node.child("bytesPerSecond").rate();
            if (requests == 0 && bytes == 0) {
                node.problem("give requestsPerSecond, bytesPerSecond or both, as positive whole numbers");
            } else if (subject != null && requests >= 0 && bytes >= 0) {
                limits.put(subject, new RateLimit(requests, bytes));
            }
        }

        private Bucket bucket(YamlNode b, String ownerUin, String appid) {
            if (!b.expectObject(BUCKET)) {
                return null;
            }
            String name = b.child("name").text(true);
            String region = b.child("region").text(true);
            if (name != null) {
                int dash = name.lastIndexOf('-');
                if (!lowerDigitsDash(name) || dash <= 0 || name.startsWith("-")) {
                    b.child("name").problem("a bucket is named <name>-<appid> in lower-case letters, digits and -");
                } else if (appid != null && !name.substring(dash + 1).equals(appid)) {
                    b.child("name").problem("bucket " + name + " carries APPID " + name.substring(dash + 1)
                            + " but belongs to the account with APPID " + appid);
                } else if (!bucketNames.add(name)) {
                    b.child("name").problem("bucket " + name + " is given twice");
                }
            }
            if (region != null && !lowerDigitsDash(region)) {
                b.child("region").problem("a region is lower-case letters, digits and -, like ap-shanghai");
            }
            String policyFile = b.child("policy").text(false);
            if (policyFile != null && name != null) {
                Path p = dir.resolve(BUCKET_POLICIES_DIR).resolve(policyFile);
                if (!p.normalize().startsWith(dir.resolve(BUCKET_POLICIES_DIR).normalize()) || !Files.isRegularFile(p)) {
                    b.child("policy").problem("no file " + BUCKET_POLICIES_DIR + "/" + policyFile);
                } else {
                    bucketPolicyFiles.put(p.getFileName().toString(), name);
                    PolicyDocument doc = parse(p, name, PolicyKind.BUCKET);
                    if (doc != null) {
                        bucketPolicies.put(name, doc);
                    }
                }
            }
            return new Bucket(name, appid, region, ownerUin, policyFile);
        }

        private static boolean lowerDigitsDash(String text) {
            return text.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
        }

        private void checkUnusedBucketPolicies() {
            Path folder = dir.resolve(BUCKET_POLICIES_DIR);
            if (!Files.isDirectory(folder)) {
                return;
            }
            for (Path p : jsonFiles(folder)) {
                if (!bucketPolicyFiles.containsKey(p.getFileName().toString())) {
                    problems.add(new PolicyProblem(p.toString(), "",
                            "no bucket in " + ACCOUNTS_FILE + " names this policy, so it would never apply"));
                }
            }
        }
    }
}
