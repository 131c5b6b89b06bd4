package io.camgate.authz.index;

import io.camgate.authz.Need;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyParser;
import io.camgate.policy.ResourceName;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random policy worlds and requests for the differential test. Worlds mix every feature the
 * engines must agree on: wildcards anywhere in actions and resources, allow/deny overlaps,
 * every condition operator with its suffix and qualifiers, policy variables, feature sets,
 * groups, several root accounts, bucket policies with every principal form. Requests are
 * derived from the world's own patterns and then mutated, so that most land near a pattern.
 */
final class WorldGenerator {
    private static final String[] REGIONS = {"ap-guangzhou", "ap-beijing"};
    private static final String[] PRESETS = {"QcloudCOSReadOnlyAccess", "QcloudCOSDataFullControl",
        "QcloudCIFullAccess", "QcloudCOSBucketConfigRead"};
    private static final String[] POLICY_ACTIONS = {"cos:GetObject", "name/cos:GetObject", "cos:getobject",
        "cos:PutObject", "cos:Get*", "cos:*", "*", "cos:*Object*", "cos:Get*Acl", "ci:*", "ci:Describe*",
        "cam:PassRole", "cos:Unknown*", "cos:UnknownThing", "*:*", "cos:*Bucket", "permid/1", "permid/2", "permid/3",
        "permid/9", "cos:DeleteObject", "cos:GetBucket", "cos:HeadObject", "name/cos:List*", "ci:CreateMediaJobs",
        "c*:Get*", "ci:DescribeRiskLibText", "cos:GetObject*"};
    private static final String[] REQUEST_ACTIONS = {"cos:GetObject", "cos:PutObject", "cos:GetBucket",
        "cos:HeadObject", "cos:DeleteObject", "cos:GetBucketACL", "cos:ListParts", "ci:CreateMediaJobs",
        "ci:DescribeMediaJob", "cam:PassRole", "cos:GetService", "cos:GetObjectACL", "cos:UnknownThing",
        "cos:UnknownOther", "cos:GetFancyThing", "x:y", "cos:L\u0131stParts", "ci:DescribeRis\u212ALibText",
        " cos:GetObject ", "cos:GetObject\t", "NAME/cos:GetObject", "name/COS:GETOBJECT", "cos:getobject",
        "name/ci:describerisklibtext", "name/", "cos:"};
    private static final String[] KEYS = {"cos:prefix", "cos:content-length", "qcs:current_time", "qcs:ip",
        "cos:secure-transport", "x:bin"};

    /** A condition family: operators that read values one way, the key that usually carries such values. */
    private record Family(String[] operators, String key, String[] policyValues, String[] contextValues) {
    }

    private static final Family[] FAMILIES = {
        new Family(new String[] {"string_equal", "string_not_equal", "string_equal_ignore_case",
            "string_not_equal_ignore_case", "string_like", "string_not_like"}, "cos:prefix",
            new String[] {"a", "A", "docs/", "home/${uin}", "${uin}", "x*", "*", "${owner_uin}", "${app_id}"},
            new String[] {"a", "A", "docs/", "xyz", "", "home/"}),
        new Family(new String[] {"numeric_equal", "numeric_not_equal", "numeric_greater_than",
            "numeric_greater_than_equal", "numeric_less_than", "numeric_less_than_equal"}, "cos:content-length",
            new String[] {"1", "10", "1.5"}, new String[] {"1", "5", "10.0", "abc", "1.50"}),
        new Family(new String[] {"date_equal", "date_not_equal", "date_greater_than", "date_greater_than_equal",
            "date_less_than", "date_less_than_equal"}, "qcs:current_time",
            new String[] {"2026-01-01T00:00:00Z", "2026-06-01"},
            new String[] {"2026-03-01T00:00:00Z", "2026-01-01T00:00:00Z", "bad", "2026-06-01"}),
        new Family(new String[] {"ip_equal", "ip_not_equal"}, "qcs:ip",
            new String[] {"10.0.0.0/8", "192.168.1.1", "::1/128"},
            new String[] {"10.1.2.3", "192.168.1.1", "::1", "nope", "8.8.8.8"}),
        new Family(new String[] {"bool_equal"}, "cos:secure-transport", new String[] {"true", "false"},
            new String[] {"true", "FALSE", "yes"}),
        new Family(new String[] {"binary_equal"}, "x:bin", new String[] {"YWJj", "eHl6"},
            new String[] {"YWJj", "!!", "eHl6"}),
        new Family(new String[] {"null_equal"}, "cos:prefix", new String[] {"true", "false"}, new String[] {"a"}),
    };

    /** One request as generated: who, what, with which context. */
    record Request(Principal principal, List<Need> needs, ConditionContext context) {
        @Override
        public String toString() {
            return principal + " " + needs + " " + context;
        }
    }

    private final Random random;
    private World world;
    private final List<World.Stmt> statements = new ArrayList<>();

    WorldGenerator(long seed) {
        this.random = new Random(seed);
    }

    World world() {
        world = new World();
        statements.clear();
        int roots = 1 + random.nextInt(3);
        for (int k = 0; k < roots; k++) {
            String appid = "12500000" + (10 + k);
            List<World.Grp> groups = new ArrayList<>();
            for (int g = 0; g < random.nextInt(3); g++) {
                groups.add(new World.Grp("7" + g, new ArrayList<>()));
            }
            List<World.User> users = new ArrayList<>();
            for (int u = 0; u < 1 + random.nextInt(4); u++) {
                List<String> in = new ArrayList<>();
                for (World.Grp g : groups) {
                    if (random.nextBoolean()) {
                        in.add(g.id());
                    }
                }
                users.add(new World.User("200000" + k + u, in, new ArrayList<>()));
            }
            List<World.Bkt> buckets = new ArrayList<>();
            for (int b = 0; b < 1 + random.nextInt(3); b++) {
                buckets.add(new World.Bkt("b" + b + "-" + appid, pick(REGIONS)));
            }
            world.roots.add(new World.Root("10000000" + (10 + k), appid, users, groups, buckets));
        }
        world.featureSets.put("1", List.of("cos:GetObject", "cos:Put*"));
        world.featureSets.put("2", List.of("ci:*", "cos:HeadObject"));
        world.featureSets.put("3", List.of("name/cos:List*"));

        int policies = 2 + random.nextInt(5);
        for (int p = 0; p < policies; p++) {
            List<World.Stmt> statements = new ArrayList<>();
            for (int s = 0; s < 1 + random.nextInt(3); s++) {
                statements.add(statement(PolicyKind.USER, false));
            }
            world.userPolicies.put("p" + p, new World.Policy(statements, List.of()));
        }
        List<String> attachable = new ArrayList<>(world.userPolicies.keySet());
        attachable.addAll(List.of(PRESETS));
        for (World.Root r : world.roots) {
            for (World.User u : r.users()) {
                for (int i = random.nextInt(4); i > 0; i--) {
                    u.policies().add(pick(attachable));
                }
            }
            for (World.Grp g : r.groups()) {
                for (int i = random.nextInt(3); i > 0; i--) {
                    g.policies().add(pick(attachable));
                }
            }
            for (World.Bkt b : r.buckets()) {
                if (random.nextInt(10) < 6) {
                    world.bucketPolicies.put(b.name(), bucketPolicy());
                }
            }
        }
        if (random.nextInt(10) == 0) {
            world.bucketPolicies.put("ghost-1250000099", bucketPolicy());
        }
        return world;
    }

    private World.Policy bucketPolicy() {
        boolean onDocument = random.nextInt(7) == 0;
        List<World.Stmt> statements = new ArrayList<>();
        for (int s = 0; s < 1 + random.nextInt(4); s++) {
            statements.add(statement(PolicyKind.BUCKET, onDocument));
        }
        return new World.Policy(statements, onDocument ? principals() : List.of());
    }

    /** A statement that parses on its own. */
    private World.Stmt statement(PolicyKind kind, boolean principalOnDocument) {
        while (true) {
            List<String> actions = new ArrayList<>();
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                actions.add(random.nextInt(5) == 0 ? wildcard(pick(REQUEST_ACTIONS).trim()) : pick(POLICY_ACTIONS));
            }
            List<String> resources = new ArrayList<>();
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                resources.add(resourcePattern());
            }
            List<World.Cond> conditions = new ArrayList<>();
            if (random.nextBoolean()) {
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    conditions.add(condition());
                }
            }
            List<String> principals = kind == PolicyKind.BUCKET && !principalOnDocument ? principals() : List.of();
            String effect = random.nextInt(10) < 6 ? pick(new String[] {"allow", "Allow"})
                    : pick(new String[] {"deny", "Deny"});
            World.Stmt stmt = new World.Stmt(effect, actions, resources, conditions, principals);
            List<String> docPrincipals = principalOnDocument ? List.of("*") : List.of();
            try {
                PolicyParser.parse("probe", "probe", kind,
                        World.json(new World.Policy(List.of(stmt), docPrincipals)));
                statements.add(stmt);
                return stmt;
            } catch (PolicyException invalid) {
                // generated something the language forbids (e.g. a variable in a COS object path); try again
            }
        }
    }

    private List<String> principals() {
        List<String> out = new ArrayList<>();
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            World.Root r = pick(world.roots);
            World.Root other = pick(world.roots);
            out.add(switch (random.nextInt(9)) {
                case 0 -> "*";
                case 1 -> "qcs::cam::anonymous:anonymous";
                case 2 -> "qcs::cam::anyone:anyone";
                case 3 -> "qcs::cam::uin/" + r.uin() + ":root";
                case 4 -> "qcs::cam::uin/" + r.uin() + ":uin/" + r.uin();
                case 5 -> r.groups().isEmpty() ? "qcs::cam::uin/" + r.uin() + ":groupid/99"
                        : "qcs::cam::uin/" + other.uin() + ":groupid/" + pick(r.groups()).id();
                case 6 -> "qcs::cam::uin/" + other.uin() + ":uin/" + pick(r.users()).uin();
                default -> "qcs::cam::uin/" + r.uin() + ":uin/" + pick(r.users()).uin();
            });
        }
        return out;
    }

    private World.Cond condition() {
        Family family = FAMILIES[random.nextInt(FAMILIES.length)];
        String op = pick(family.operators);
        if (!op.equals("null_equal")) {
            op = pick(new String[] {"", "", "", "for_any_value:", "for_all_value:"}) + op
                    + (random.nextInt(10) < 3 ? "_if_exist" : "");
        }
        String key = random.nextInt(5) == 0 ? pick(KEYS) : family.key;
        List<String> values = new ArrayList<>();
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            values.add(pick(family.policyValues));
        }
        return new World.Cond(op, random.nextBoolean() ? key : key.toUpperCase(java.util.Locale.ROOT), values);
    }

    private String resourcePattern() {
        if (random.nextInt(6) == 0) {
            return "*";
        }
        World.Root owner = pick(world.roots);
        String service = pick(new String[] {"cos", "cos", "cos", "cos", "ci", "ci", "cam", "", "*"});
        String region = pick(new String[] {"", "", "*", "ap-*", REGIONS[0], REGIONS[1]});
        String account = switch (random.nextInt(12)) {
            case 0, 1, 2 -> "";
            case 3 -> "uid/*";
            case 4 -> "uid/${app_id}";
            case 5 -> "uin/${owner_uin}";
            case 6 -> "uin/" + owner.uin();
            case 7 -> "uid/" + pick(world.roots).appid().substring(0, 6) + "*";
            default -> "uid/" + owner.appid();
        };
        String bucket = random.nextInt(8) == 0 ? "b0-${app_id}"
                : random.nextInt(8) == 0 ? "zz-1250000099" : pick(owner.buckets()).name();
        String key = pick(new String[] {"", "*", "a/*", "a/b.txt", "docs/*", "home/*", "a*b", "**", "x:y/*",
            pick(pick(world.roots).users()).uin() + "/*"});
        String segment = switch (service) {
            case "ci" -> "bucket/" + bucket + "/" + (random.nextInt(4) == 0 ? "home/${uin}/*" : key);
            case "cam" -> pick(new String[] {"uin/${uin}", "role/*", "*", "uin/" + owner.uin(), "roleName/CI_QCSRole",
                "roleName/*"});
            default -> bucket + "/" + key;
        };
        if (random.nextInt(3) == 0) {
            segment = wildcard(segment);
        }
        return "qcs:" + (random.nextInt(10) == 0 ? "proj" : "") + ":" + service + ":" + region + ":" + account + ":"
                + segment;
    }

    /** Replaces a random run of {@code text} (possibly empty) with a star. */
    private String wildcard(String text) {
        int from = random.nextInt(text.length() + 1);
        int to = from + random.nextInt(Math.min(6, text.length() - from) + 1);
        return text.substring(0, from) + "*" + text.substring(to);
    }

    Request request() {
        Principal principal = switch (random.nextInt(4)) {
            case 0, 1 -> {
                World.Root r = pick(world.roots);
                yield new Principal.SubUser(pick(r.users()).uin(), r.uin());
            }
            case 2 -> new Principal.Root(pick(world.roots).uin());
            default -> Principal.ANONYMOUS;
        };
        List<Need> needs = new ArrayList<>();
        for (int i = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2); i > 0; i--) {
            World.Stmt near = random.nextInt(10) < 7 ? nearStatement(principal) : null;
            needs.add(new Need(near == null ? action() : action(pick(near.actions())),
                    resource(near == null ? null : pick(near.resources()))));
        }
        return new Request(principal, needs, context());
    }

    private String action() {
        String action = pick(REQUEST_ACTIONS);
        return switch (random.nextInt(6)) {
            case 0 -> action.toUpperCase(java.util.Locale.ROOT);
            case 1 -> "name/" + action;
            case 2 -> pick(POLICY_ACTIONS).replace("*", pick(new String[] {"", "Object", "x", "Bucket"}));
            default -> action;
        };
    }

    /** A statement that may speak for the principal, often; else any statement of the world. */
    private World.Stmt nearStatement(Principal principal) {
        if (principal instanceof Principal.SubUser caller && random.nextBoolean()) {
            for (World.Root r : world.roots) {
                for (World.User u : r.users()) {
                    if (u.uin().equals(caller.uin())) {
                        List<World.Stmt> own = new ArrayList<>();
                        u.policies().stream().map(world.userPolicies::get).filter(java.util.Objects::nonNull)
                                .forEach(p -> own.addAll(p.statements()));
                        if (!own.isEmpty()) {
                            return pick(own);
                        }
                    }
                }
            }
        }
        return pick(statements);
    }

    /** An action the pattern covers, often, or one near it. */
    private String action(String pattern) {
        if (pattern.startsWith("permid/")) {
            List<String> members = world.featureSets.get(pattern.substring(7));
            return members == null ? action() : action(pick(members));
        }
        String filled = pattern.replace("*", pick(new String[] {"", "Object", "GetObject", "x", "Bucket", "cos:"}));
        return random.nextInt(10) == 0 ? mutate(filled) : filled;
    }

    /** A resource the pattern covers, often, or one near it; any resource when there is no pattern. */
    private ResourceName resource(String pattern) {
        if (random.nextInt(10) == 0) {
            return ResourceName.ANY;
        }
        ResourceName derived = null;
        if (pattern != null) {
            derived = ResourceName.parse(mutate(fill(pattern)));
        }
        return derived != null ? derived : ResourceName.parse(concreteResource());
    }

    private String fill(String pattern) {
        World.Root r = pick(world.roots);
        String text = pattern.replace("${uin}", pick(r.users()).uin()).replace("${app_id}", pick(world.roots).appid())
                .replace("${owner_uin}", pick(world.roots).uin());
        String[] parts = text.split(":", 6);
        if (parts.length == 6) {
            if (parts[2].isEmpty() || parts[2].equals("*")) {
                parts[2] = pick(new String[] {"cos", "cos", "ci", "cam"});
            }
            if (parts[3].isEmpty()) {
                parts[3] = pick(REGIONS);
            }
            if (parts[4].isEmpty()) {
                parts[4] = parts[2].equals("cos") || parts[2].equals("ci") ? "uid/" + r.appid() : "uin/" + r.uin();
            }
            text = String.join(":", parts);
        }
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c == '*' ? pick(new String[] {"", "a", "/", "a/b", "x.txt", "b0-" + r.appid()}) : c);
        }
        return out.toString();
    }

    private String mutate(String text) {
        return switch (random.nextInt(10)) {
            case 0 -> text.isEmpty() ? text : text.substring(0, text.length() - 1);
            case 1 -> text + "x";
            case 2 -> text + "/";
            default -> text;
        };
    }

    private String concreteResource() {
        World.Root r = pick(world.roots);
        World.Root owner = random.nextInt(4) == 0 ? pick(world.roots) : r;
        String bucket = random.nextInt(10) == 0 ? "zz-1250000099" : pick(owner.buckets()).name();
        String appid = random.nextInt(10) == 0 ? "1250000099" : owner.appid();
        String key = pick(new String[] {"", "a/b.txt", "docs/x", "home/" + pick(r.users()).uin() + "/f", "a"});
        return switch (random.nextInt(6)) {
            case 0 -> "qcs::ci:" + pick(REGIONS) + ":uid/" + appid + ":bucket/" + bucket + "/" + key;
            case 1 -> "qcs::cam::uin/" + owner.uin() + ":uin/" + pick(r.users()).uin();
            case 2 -> "qcs::cam::uin/" + owner.uin() + ":roleName/CI_QCSRole";
            default -> "qcs::cos:" + pick(REGIONS) + ":uid/" + appid + ":" + bucket + "/" + key;
        };
    }

    private ConditionContext context() {
        ConditionContext.Builder b = ConditionContext.builder();
        for (Family f : FAMILIES) {
            int roll = random.nextInt(10);
            if (roll < 4) {
                continue;
            }
            if (roll == 4) {
                b.addAll(f.key, List.of());
                continue;
            }
            for (int i = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2); i > 0; i--) {
                b.add(f.key, random.nextInt(10) == 0 ? pick(FAMILIES[random.nextInt(FAMILIES.length)].contextValues) : pick(f.contextValues));
            }
        }
        if (random.nextInt(4) == 0) {
            World.Root r = pick(world.roots);
            b.add("cos:prefix", pick(new String[] {pick(r.users()).uin(), "home/" + pick(r.users()).uin(), r.uin(),
                r.appid()}));
        }
        return b.build();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
