package io.camgate.bench;

import io.camgate.authz.Need;
import io.camgate.authz.PolicySet;
import io.camgate.authz.Snapshot;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyParser;
import io.camgate.policy.ResourceName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic policy set of a given size and requests against it. Thousands of sub-users
 * (1,000 per root account) hold two policies of five statements each, over their own home
 * prefixes and shared prefixes of their account's buckets: literal and wildcard actions, a
 * tenth of the statements with an IP condition, some with a policy variable, allows and
 * denies that overlap. Each account's first bucket has a small bucket policy for everyone.
 * Requests pick the sub-user and the object key Zipf-like; most are allowed, some hit a deny,
 * some match nothing.
 *
 * <p>Every statement is also written as jCasbin policy lines (subject, resource glob, action
 * glob, effect), conditions dropped and policy variables filled in, so that the competitor
 * answers the same allow/deny rules.
 */
final class PolicyWorkload {
    static final String REGION = "ap-guangzhou";
    private static final int STATEMENTS_PER_USER = 10;
    private static final int USERS_PER_ROOT = 1000;
    private static final int BUCKETS_PER_ROOT = 5;
    private static final ConditionContext OFFICE = ConditionContext.builder().add("qcs:ip", "10.1.2.3").build();

    /** One request with its parts for every engine. */
    record Request(Principal principal, Need need, ConditionContext context, String subject) {
    }

    final int statements;
    final Snapshot snapshot;
    final List<List<String>> casbinPolicies = new ArrayList<>();
    final Request[] requests;

    private final List<String[]> users = new ArrayList<>(); // uin, root uin, appid

    PolicyWorkload(int statements, int requestCount, long seed) {
        this.statements = statements;
        Random random = new Random(seed);
        int userCount = (statements + STATEMENTS_PER_USER - 1) / STATEMENTS_PER_USER;
        int rootCount = (userCount + USERS_PER_ROOT - 1) / USERS_PER_ROOT;
        List<RootAccount> roots = new ArrayList<>();
        Map<String, PolicyDocument> userPolicies = new HashMap<>();
        Map<String, PolicyDocument> bucketPolicies = new HashMap<>();
        int left = statements;
        for (int r = 0; r < rootCount; r++) {
            String rootUin = String.valueOf(100_000_000L + r);
            String appid = String.valueOf(1_250_000_000L + r);
            List<Bucket> buckets = new ArrayList<>();
            for (int b = 0; b < BUCKETS_PER_ROOT; b++) {
                buckets.add(new Bucket(bucket(b, appid), appid, REGION, rootUin, null));
            }
            List<SubUser> subUsers = new ArrayList<>();
            for (int u = 0; u < USERS_PER_ROOT && left > 0; u++) {
                String uin = String.valueOf(300_000_000_000L + (long) r * USERS_PER_ROOT + u);
                int mine = Math.min(STATEMENTS_PER_USER, left);
                left -= mine;
                List<String> names = new ArrayList<>();
                List<String> statementsJson = new ArrayList<>();
                for (int s = 0; s < mine; s++) {
                    statementsJson.add(statement(s, uin, appid, bucket(u % BUCKETS_PER_ROOT, appid), u));
                    if (statementsJson.size() == 5 || s == mine - 1) {
                        String name = "u" + uin + "-p" + names.size();
                        userPolicies.put(name, parse(name, PolicyKind.USER, statementsJson));
                        names.add(name);
                        statementsJson.clear();
                    }
                }
                subUsers.add(new SubUser(uin, "user" + uin, rootUin, List.of(), names, List.of()));
                users.add(new String[] {uin, rootUin, appid});
            }
            String publicBucket = bucket(0, appid);
            bucketPolicies.put(publicBucket, parse(publicBucket, PolicyKind.BUCKET, List.of(
                    "{\"effect\":\"allow\",\"action\":[\"cos:GetObject\"],\"resource\":[\"" + cos(appid, publicBucket)
                            + "/public/*\"],\"principal\":{\"qcs\":[\"qcs::cam::anyone:anyone\"]}}",
                    "{\"effect\":\"deny\",\"action\":[\"cos:DeleteObject\"],\"resource\":[\"" + cos(appid, publicBucket)
                            + "/*\"],\"principal\":{\"qcs\":[\"qcs::cam::anyone:anyone\"]}}")));
            casbin("anyone", "allow", cos(appid, publicBucket) + "/public/*", "cos:GetObject");
            casbin("anyone", "deny", cos(appid, publicBucket) + "/*", "cos:DeleteObject");
            roots.add(new RootAccount(rootUin, appid, List.of(), subUsers, List.of(), buckets));
        }
        snapshot = new Snapshot(1, "bench", new Directory(roots, Map.of()), new PolicySet(userPolicies, bucketPolicies));
        requests = requests(requestCount, random);
    }

    /** Each sub-user's uin (the instance its requests carry) and the resource prefix of its home directory. */
    String[][] homes() {
        String[][] out = new String[users.size()][];
        for (int i = 0; i < out.length; i++) {
            String[] user = users.get(i);
            int u = (int) (Long.parseLong(user[0]) % USERS_PER_ROOT);
            out[i] = new String[] {user[0], bucket(u % BUCKETS_PER_ROOT, user[2]) + "/home/" + user[0] + "/"};
        }
        return out;
    }

    private static String bucket(int b, String appid) {
        return "data" + b + "-" + appid;
    }

    private static String cos(String appid, String bucket) {
        return "qcs::cos:" + REGION + ":uid/" + appid + ":" + bucket;
    }

    /** Statement {@code s} of a user's ten, as JSON; also written as jCasbin lines. */
    private String statement(int s, String uin, String appid, String bucket, int u) {
        String base = cos(appid, bucket);
        String home = base + "/home/" + uin;
        return switch (s) {
            case 0 -> rule(uin, "allow", List.of("cos:GetObject", "cos:HeadObject"), home + "/*", "");
            case 1 -> rule(uin, "allow", List.of("cos:PutObject"), home + "/uploads/*", "");
            case 2 -> rule(uin, "deny", List.of("cos:DeleteObject"), home + "/locked/*", "");
            case 3 -> rule(uin, "allow", List.of("cos:Get*"), base + "/shared/*", "");
            case 4 -> rule(uin, "allow", List.of("cos:GetObject"), base + "/projects/p" + (u % 50) + "/*",
                    ",\"condition\":{\"ip_equal\":{\"qcs:ip\":[\"10.0.0.0/8\"]}}");
            case 5 -> rule(uin, "allow", List.of("cos:List*", "cos:GetBucket"), base + "/", "");
            case 6 -> rule(uin, "allow", List.of("cos:GetObject"),
                    "qcs::cos::uid/${app_id}:" + bucket + "/team/t" + (u % 20) + "/*", "");
            case 7 -> rule(uin, "deny", List.of("cos:*"), home + "/quarantine/*", "");
            case 8 -> rule(uin, "allow", List.of("cos:PutObject", "cos:GetObject"), base + "/tmp/" + uin + "-*", "");
            default -> rule(uin, "allow", List.of("ci:CreateMediaJobs"),
                    "qcs::ci:" + REGION + ":uid/" + appid + ":bucket/" + bucket + "/media/*", "");
        };
    }

    private String rule(String uin, String effect, List<String> actions, String resource, String condition) {
        String filled = resource.contains("${app_id}")
                ? resource.replace("qcs::cos::uid/${app_id}", "qcs::cos:" + REGION + ":uid/" + appidOf(resource))
                : resource;
        for (String action : actions) {
            casbin(uin, effect, filled, action);
        }
        return "{\"effect\":\"" + effect + "\",\"action\":[\"" + String.join("\",\"", actions) + "\"],\"resource\":[\""
                + resource + "\"]" + condition + "}";
    }

    private static String appidOf(String resource) {
        // a ${app_id} resource names its bucket, whose name ends with the APPID
        int colon = resource.lastIndexOf(':');
        String bucket = resource.substring(colon + 1, resource.indexOf('/', colon));
        return bucket.substring(bucket.lastIndexOf('-') + 1);
    }

    private void casbin(String subject, String effect, String resource, String action) {
        casbinPolicies.add(List.of(subject, resource, action, effect));
    }

    private static PolicyDocument parse(String name, PolicyKind kind, List<String> statements) {
        String json = "{\"version\":\"2.0\",\"statement\":[" + String.join(",", statements) + "]}";
        try {
            return PolicyParser.parse(name, name, kind, json);
        } catch (PolicyException e) {
            throw new IllegalStateException(json + ": " + e.getMessage(), e);
        }
    }

    private Request[] requests(int count, Random random) {
        Zipf who = new Zipf(users.size(), 1.0, random);
        Zipf file = new Zipf(1000, 1.0, random);
        Request[] out = new Request[count];
        for (int i = 0; i < count; i++) {
            String[] user = users.get(who.next());
            String uin = user[0];
            String appid = user[2];
            int u = (int) (Long.parseLong(uin) % USERS_PER_ROOT);
            String base = cos(appid, bucket(u % BUCKETS_PER_ROOT, appid));
            String home = base + "/home/" + uin;
            int f = file.next();
            Principal principal = new Principal.SubUser(uin, user[1]);
            int kind = random.nextInt(20);
            ConditionContext context = ConditionContext.EMPTY;
            String action = "cos:GetObject";
            String resource;
            if (kind < 8) {
                resource = home + "/docs/file" + f + ".txt";
            } else if (kind < 11) {
                action = "cos:PutObject";
                resource = home + "/uploads/part" + f;
            } else if (kind < 13) {
                resource = base + "/shared/report" + f + ".pdf";
            } else if (kind == 13) {
                action = "cos:DeleteObject";
                resource = home + "/locked/f" + f;
            } else if (kind == 14) {
                resource = base + "/projects/p" + (u % 50) + "/f" + f;
                context = OFFICE;
            } else if (kind == 15) {
                action = "cos:GetBucket";
                resource = base + "/";
            } else if (kind == 16) {
                resource = base + "/team/t" + (u % 20) + "/f" + f;
            } else if (kind == 17) {
                resource = cos(appid, bucket(0, appid)) + "/public/img" + f + ".png";
            } else {
                // someone else's home: matches nothing
                resource = base + "/home/" + users.get(who.next())[0] + "x/file" + f;
            }
            out[i] = new Request(principal, new Need(action, ResourceName.parse(resource)), context, uin);
        }
        return out;
    }
}
