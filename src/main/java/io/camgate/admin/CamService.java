package io.camgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.authz.Decision;
import io.camgate.authz.Need;
import io.camgate.config.ConfigEdit;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ConfigReloader;
import io.camgate.config.ReloadOutcome;
import io.camgate.identity.Principal;
import io.camgate.identity.SubUser;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import io.camgate.policy.Presets;
import io.camgate.policy.ResourceName;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CAM management actions, on the configuration directory of one {@link ConfigReloader}.
 * Each call is authorized first, with the caller's CAM policies on the action
 * {@code name/cam:<Action>} and resources {@code qcs::cam::uin/<owner>:policyid/<id>},
 * {@code ...:uin/<sub-user>} or {@code ...:groupid/<id>} ({@code *} for lists and creation).
 * A write is then applied to a {@link ConfigEdit}, validated as a whole reload would validate
 * it, committed file by file atomically and published; a refused write changes nothing.
 * Calls run one at a time.
 */
final class CamService {
    private static final Logger LOG = LoggerFactory.getLogger(CamService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final ConfigReloader reloader;
    private final ConfigLoader loader;
    private final SecureRandom random = new SecureRandom();

    CamService(ConfigReloader reloader, ConfigLoader loader) {
        this.reloader = reloader;
        this.loader = loader;
    }

    /**
     * Runs {@code action} for {@code caller}.
     *
     * @return the fields of the response (without RequestId)
     * @throws CamException with CAM's code when refused
     */
    synchronized ObjectNode call(Principal caller, String action, JsonNode params) throws CamException {
        String owner = ownerOf(caller);
        Call c = new Call(caller, owner, action, params == null || params.isNull() ? NODES.objectNode() : params);
        return switch (action) {
            case "CreatePolicy" -> createPolicy(c);
            case "UpdatePolicy" -> updatePolicy(c);
            case "DeletePolicy" -> deletePolicy(c);
            case "GetPolicy" -> getPolicy(c);
            case "ListPolicies" -> listPolicies(c);
            case "AttachUserPolicy" -> attach(c, true, "AttachUin", true);
            case "DetachUserPolicy" -> attach(c, true, "DetachUin", false);
            case "AttachGroupPolicy" -> attach(c, false, "AttachGroupId", true);
            case "DetachGroupPolicy" -> attach(c, false, "DetachGroupId", false);
            case "ListAttachedUserPolicies" -> listAttachedUserPolicies(c);
            case "AddUser" -> addUser(c);
            case "DeleteUser" -> deleteUser(c);
            case "ListUsers" -> listUsers(c);
            case "CreateGroup" -> createGroup(c);
            case "DeleteGroup" -> deleteGroup(c);
            case "AddUserToGroup" -> membership(c, true);
            case "RemoveUserFromGroup" -> membership(c, false);
            case "CreateAccessKey" -> createAccessKey(c);
            case "UpdateAccessKey" -> updateAccessKey(c);
            case "DeleteAccessKey" -> deleteAccessKey(c);
            case "ListAccessKeys" -> listAccessKeys(c);
            default -> throw new CamException("InvalidAction", "no action \"" + action + "\"");
        };
    }

    private static String ownerOf(Principal caller) throws CamException {
        if (caller instanceof Principal.Root r) {
            return r.uin();
        }
        if (caller instanceof Principal.SubUser s) {
            return s.ownerUin();
        }
        throw new CamException("AuthFailure.SignatureFailure", "the CAM API takes signed requests only");
    }

    /** One call: who, for which account, what, with which parameters. */
    private record Call(Principal caller, String owner, String action, JsonNode params) {
        String resource(String tail) {
            return "qcs::cam::uin/" + owner + ":" + tail;
        }

        String text(String field) throws CamException {
            String t = optional(field);
            if (t == null) {
                throw new CamException("MissingParameter", "the request lacks " + field);
            }
            return t;
        }

        String optional(String field) throws CamException {
            JsonNode v = params.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode()) {
                throw new CamException("InvalidParameterValue", field + " is a single value");
            }
            return v.asText();
        }

        long number(String field) throws CamException {
            String t = text(field);
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new CamException("InvalidParameterValue", field + " is a whole number, not \"" + t + "\"");
            }
        }

        int page(String field, int fallback) throws CamException {
            if (optional(field) == null) {
                return fallback;
            }
            long n = number(field);
            if (n < 1 || n > CamLimits.PAGE_SIZE_MAX) {
                throw new CamException("InvalidParameterValue", field + " is from 1 to " + CamLimits.PAGE_SIZE_MAX);
            }
            return (int) n;
        }
    }

    // ---- authorization

    private void authorize(Call c, String... resources) throws CamException {
        List<Need> needs = new ArrayList<>();
        for (String r : resources) {
            needs.add(new Need("name/cam:" + c.action(), ResourceName.parse(c.resource(r))));
        }
        Decision d = reloader.current().engine().decideAll(c.caller(), needs, ConditionContext.EMPTY);
        if (!d.allowed()) {
            throw new CamException("AuthFailure.UnauthorizedOperation", "not allowed to " + c.action() + " on "
                    + String.join(", ", resources) + " (" + d.reason().label() + ")");
        }
    }

    // ---- policies

    /** Custom policies by name, as the directory has them now. */
    private Map<String, Long> customPolicies() {
        Map<String, Long> out = new TreeMap<>();
        reloader.current().snapshot().policies().customPolicies().keySet().forEach(n -> out.put(n, PolicyIds.of(n)));
        return out;
    }

    private String policyName(long id) throws CamException {
        for (Map.Entry<String, Long> e : customPolicies().entrySet()) {
            if (e.getValue() == id) {
                return e.getKey();
            }
        }
        for (String preset : Presets.names()) {
            if (PolicyIds.of(preset) == id) {
                return preset;
            }
        }
        throw new CamException("ResourceNotFound.PolicyIdNotFound", "no policy with PolicyId " + id);
    }

    private static JsonNode document(String text) throws CamException {
        try {
            JsonNode doc = JSON.readTree(text);
            if (doc == null || !doc.isObject()) {
                throw new CamException("InvalidParameter.PolicyDocumentError", "PolicyDocument is a JSON object");
            }
            return doc;
        } catch (JsonProcessingException e) {
            throw new CamException("InvalidParameter.PolicyDocumentError", "PolicyDocument is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    private ObjectNode createPolicy(Call c) throws CamException {
        String name = c.text("PolicyName");
        CamLimits.policyName(name);
        String description = c.optional("Description");
        CamLimits.description(description);
        JsonNode doc = document(c.text("PolicyDocument"));
        authorize(c, "policyid/*");
        return createPolicy(name, doc, description);
    }

    private ObjectNode createPolicy(String name, JsonNode doc, String description) throws CamException {
        Map<String, Long> existing = customPolicies();
        if (existing.containsKey(name) || Presets.isPreset(name)) {
            throw new CamException("FailedOperation.PolicyNameInUse", "a policy named " + name + " exists");
        }
        if (existing.size() >= CamLimits.POLICIES_MAX) {
            throw new CamException("FailedOperation.PolicyFull", "at most " + CamLimits.POLICIES_MAX + " policies");
        }
        long id = PolicyIds.of(name);
        if (existing.containsValue(id) || Presets.names().stream().anyMatch(p -> PolicyIds.of(p) == id)) {
            throw new CamException("FailedOperation.PolicyNameInUse", "the name " + name
                    + " maps to the PolicyId of another policy; choose another name");
        }
        write(edit -> {
            edit.putPolicy(name, doc);
            describe(edit, name, description);
        }, "InvalidParameter.PolicyDocumentError");
        return NODES.objectNode().put("PolicyId", id);
    }

    /** Stages {@code description} for policy {@code name}; null leaves it as it is, "" removes it. */
    private static void describe(ConfigEdit edit, String name, String description) throws IOException {
        if (description == null) {
            return;
        }
        Map<String, String> all = PolicyDescriptions.read(edit);
        if (description.isEmpty()) {
            all.remove(name);
        } else {
            all.put(name, description);
        }
        PolicyDescriptions.write(edit, all);
    }

    private ObjectNode updatePolicy(Call c) throws CamException {
        String name = c.optional("PolicyId") != null ? policyName(c.number("PolicyId")) : c.text("PolicyName");
        String description = c.optional("Description");
        CamLimits.description(description);
        if (Presets.isPreset(name)) {
            throw new CamException("InvalidParameter.PolicyIdError", "a preset policy cannot be changed");
        }
        if (!customPolicies().containsKey(name)) {
            throw new CamException("ResourceNotFound.PolicyIdNotFound", "no policy named " + name);
        }
        long id = PolicyIds.of(name);
        authorize(c, "policyid/" + id);
        String text = c.optional("PolicyDocument");
        JsonNode doc = text == null ? null : document(text);
        if (doc != null || description != null) {
            write(edit -> {
                refuseShared(AccountsTree.of(edit.accounts(), c.owner()), name);
                if (doc != null) {
                    edit.putPolicy(name, doc);
                }
                describe(edit, name, description);
            }, "InvalidParameter.PolicyDocumentError");
        }
        return NODES.objectNode().put("PolicyId", id);
    }

    private ObjectNode deletePolicy(Call c) throws CamException {
        JsonNode ids = c.params().get("PolicyId");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw new CamException("MissingParameter", "PolicyId is a list of at least one PolicyId");
        }
        List<String> names = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        for (JsonNode id : ids) {
            String name = policyName(id.asLong());
            if (Presets.isPreset(name)) {
                throw new CamException("InvalidParameter.PolicyIdError", "a preset policy cannot be deleted");
            }
            names.add(name);
            resources.add("policyid/" + id.asLong());
        }
        authorize(c, resources.toArray(String[]::new));
        write(edit -> {
            // detach everywhere in the caller's account first, so the directory stays valid
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            for (String name : names) {
                refuseShared(tree, name);
                for (JsonNode holder : tree.users()) {
                    AccountsTree.remove(AccountsTree.array((ObjectNode) holder, "policies"),
                            p -> p.asText().equals(name));
                }
                for (JsonNode holder : tree.groups()) {
                    AccountsTree.remove(AccountsTree.array((ObjectNode) holder, "policies"),
                            p -> p.asText().equals(name));
                }
                edit.deletePolicy(name);
            }
            Map<String, String> descriptions = PolicyDescriptions.read(edit);
            if (descriptions.keySet().removeAll(names)) {
                PolicyDescriptions.write(edit, descriptions);
            }
            edit.accountsChanged();
        }, "FailedOperation");
        return NODES.objectNode();
    }

    private static void refuseShared(AccountsTree tree, String name) throws CamException {
        if (tree.policyAttachedOutside(name)) {
            throw new CamException("FailedOperation", "policy " + name
                    + " is attached in another account, so it is not this account's to change");
        }
    }

    private ObjectNode getPolicy(Call c) throws CamException {
        long id = c.number("PolicyId");
        String name = policyName(id);
        authorize(c, "policyid/" + id);
        boolean preset = Presets.isPreset(name);
        String text;
        String description;
        try {
            ConfigEdit now = ConfigEdit.of(reloader.directory());
            text = preset ? Presets.text(name) : now.policyText(name).orElse("");
            description = PolicyDescriptions.read(now).getOrDefault(name, "");
        } catch (IOException e) {
            throw new CamException("InternalError.SystemError", "cannot read the policy");
        }
        return NODES.objectNode().put("PolicyName", name).put("Description", description)
                .put("Type", preset ? 2 : 1).put("PolicyDocument", text);
    }

    private ObjectNode listPolicies(Call c) throws CamException {
        int rp = c.page("Rp", 20);
        int page = c.page("Page", 1);
        String scope = c.optional("Scope") == null ? "All" : c.text("Scope");
        String keyword = c.optional("Keyword");
        if (!List.of("All", "QCS", "Local").contains(scope)) {
            throw new CamException("InvalidParameter.ScopeError", "Scope is All, QCS or Local");
        }
        authorize(c, "policyid/*");
        Map<String, String> descriptions;
        try {
            descriptions = PolicyDescriptions.read(ConfigEdit.of(reloader.directory()));
        } catch (IOException e) {
            throw new CamException("InternalError.SystemError", "cannot read the policy descriptions");
        }
        List<ObjectNode> all = new ArrayList<>();
        if (!scope.equals("QCS")) {
            customPolicies().forEach((n, id) -> all.add(policyInfo(n, id, 1, descriptions.getOrDefault(n, ""))));
        }
        if (!scope.equals("Local")) {
            Presets.names().forEach(n -> all.add(policyInfo(n, PolicyIds.of(n), 2, "")));
        }
        if (keyword != null) {
            String k = keyword.toLowerCase(Locale.ROOT);
            all.removeIf(p -> !p.path("PolicyName").asText().toLowerCase(Locale.ROOT).contains(k));
        }
        ObjectNode out = NODES.objectNode().put("TotalNum", all.size());
        ArrayNode list = out.putArray("List");
        all.stream().skip((long) (page - 1) * rp).limit(rp).forEach(list::add);
        return out;
    }

    private static ObjectNode policyInfo(String name, long id, int type, String description) {
        return NODES.objectNode().put("PolicyId", id).put("PolicyName", name).put("Type", type)
                .put("Description", description).put("CreateMode", type == 1 ? 2 : 1);
    }

    private ObjectNode attach(Call c, boolean toUser, String targetField, boolean attach) throws CamException {
        long id = c.number("PolicyId");
        String target = c.text(targetField);
        return attach(c, toUser, target, id, attach);
    }

    private ObjectNode attach(Call c, boolean toUser, String target, long policyId, boolean attach) throws CamException {
        String name = policyName(policyId);
        authorize(c, "policyid/" + policyId, (toUser ? "uin/" : "groupid/") + target);
        write(edit -> {
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            ObjectNode holder = toUser ? tree.userByUin(target) : tree.group(target);
            ArrayNode policies = AccountsTree.array(holder, "policies");
            if (attach) {
                if (AccountsTree.listHas(holder, "policies", name)) {
                    return;
                }
                if (policies.size() >= CamLimits.ATTACHMENTS_PER_HOLDER_MAX) {
                    throw new CamException("InvalidParameter.AttachmentFull", "at most "
                            + CamLimits.ATTACHMENTS_PER_HOLDER_MAX + " policies per user or group");
                }
                policies.add(name);
            } else if (!AccountsTree.remove(policies, p -> p.asText().equals(name))) {
                return;
            }
            edit.accountsChanged();
        }, "FailedOperation");
        return NODES.objectNode();
    }

    private ObjectNode listAttachedUserPolicies(Call c) throws CamException {
        String target = c.text("TargetUin");
        int rp = c.page("Rp", 20);
        int page = c.page("Page", 1);
        authorize(c, "uin/" + target);
        SubUser user = reloader.current().snapshot().directory().user(target)
                .filter(u -> u.ownerUin().equals(c.owner()))
                .orElseThrow(() -> new CamException("ResourceNotFound.UserNotExist", "no sub-user " + target));
        ObjectNode out = NODES.objectNode().put("TotalNum", user.policies().size());
        ArrayNode list = out.putArray("List");
        user.policies().stream().skip((long) (page - 1) * rp).limit(rp).forEach(n -> list.addObject()
                .put("PolicyId", PolicyIds.of(n)).put("PolicyName", n)
                .put("PolicyType", Presets.isPreset(n) ? "QCS" : "User").put("CreateMode", Presets.isPreset(n) ? 1 : 2));
        return out;
    }

    // ---- users and groups

    private ObjectNode addUser(Call c) throws CamException {
        String name = c.text("Name");
        CamLimits.userName(name);
        boolean useApi = "1".equals(c.optional("UseApi"));
        authorize(c, "uin/*");
        ObjectNode out = NODES.objectNode();
        write(edit -> {
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            if (tree.user(u -> name.equals(u.path("name").asText())).isPresent()) {
                throw new CamException("InvalidParameter.SubUserNameInUse", "a sub-user named " + name + " exists");
            }
            if (tree.users().size() >= CamLimits.SUB_USERS_MAX) {
                throw new CamException("InvalidParameter.SubUserFull", "at most " + CamLimits.SUB_USERS_MAX
                        + " sub-users");
            }
            String uin = Long.toString(tree.largestUin() + 1);
            ObjectNode user = tree.users().addObject().put("uin", uin).put("name", name);
            user.putArray("policies");
            out.put("Uin", Long.parseLong(uin)).put("Name", name).put("Uid", Long.parseLong(uin));
            if (useApi) {
                ObjectNode key = newKey(edit, AccountsTree.array(user, "keys"));
                out.put("SecretId", key.path("AccessKeyId").asText()).put("SecretKey",
                        key.path("SecretAccessKey").asText());
            }
            edit.accountsChanged();
        }, "FailedOperation");
        return out;
    }

    private ObjectNode deleteUser(Call c) throws CamException {
        String name = c.text("Name");
        boolean force = "1".equals(c.optional("Force"));
        AccountsTree now = currentTree(c);
        ObjectNode found = now.user(u -> name.equals(u.path("name").asText()))
                .orElseThrow(() -> new CamException("ResourceNotFound.UserNotExist", "no sub-user named " + name));
        String uin = found.path("uin").asText();
        authorize(c, "uin/" + uin);
        write(edit -> {
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            ObjectNode user = tree.userByUin(uin);
            if (!user.path("keys").isEmpty() && !force) {
                throw new CamException("FailedOperation", "the user has access keys; delete them or pass Force=1");
            }
            deleteSecretFiles(edit, user.path("keys"));
            AccountsTree.remove(tree.users(), u -> uin.equals(u.path("uin").asText()));
            edit.accountsChanged();
        }, "FailedOperation");
        return NODES.objectNode();
    }

    private ObjectNode listUsers(Call c) throws CamException {
        authorize(c, "uin/*");
        ObjectNode out = NODES.objectNode();
        ArrayNode data = out.putArray("Data");
        reloader.current().snapshot().directory().rootByUin(c.owner()).ifPresent(root -> root.users().forEach(u ->
                data.addObject().put("Uin", Long.parseLong(u.uin())).put("Name", u.name())
                        .put("Uid", Long.parseLong(u.uin())).put("Remark", "")));
        return out;
    }

    private ObjectNode createGroup(Call c) throws CamException {
        String name = c.text("GroupName");
        CamLimits.groupName(name);
        authorize(c, "groupid/*");
        ObjectNode out = NODES.objectNode();
        write(edit -> {
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            if (AccountsTree.find(tree.groups(), g -> name.equals(g.path("name").asText())).isPresent()) {
                throw new CamException("InvalidParameter.GroupNameInUse", "a group named " + name + " exists");
            }
            if (tree.groups().size() >= CamLimits.GROUPS_MAX) {
                throw new CamException("InvalidParameter.GroupFull", "at most " + CamLimits.GROUPS_MAX + " groups");
            }
            long id = tree.largestGroupId() + 1;
            tree.groups().addObject().put("id", Long.toString(id)).put("name", name).putArray("policies");
            out.put("GroupId", id);
            edit.accountsChanged();
        }, "FailedOperation");
        return out;
    }

    private ObjectNode deleteGroup(Call c) throws CamException {
        String id = c.text("GroupId");
        authorize(c, "groupid/" + id);
        write(edit -> {
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            tree.group(id);
            AccountsTree.remove(tree.groups(), g -> id.equals(g.path("id").asText()));
            for (JsonNode u : tree.users()) {
                AccountsTree.remove(AccountsTree.array((ObjectNode) u, "groups"), g -> g.asText().equals(id));
            }
            edit.accountsChanged();
        }, "FailedOperation");
        return NODES.objectNode();
    }

    private ObjectNode membership(Call c, boolean add) throws CamException {
        JsonNode info = c.params().get("Info");
        if (info == null || !info.isArray() || info.isEmpty()) {
            throw new CamException("MissingParameter", "Info is a list of {GroupId, Uin}");
        }
        List<String[]> pairs = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        for (JsonNode i : info) {
            String group = i.path("GroupId").asText();
            String uin = i.hasNonNull("Uin") ? i.path("Uin").asText() : i.path("Uid").asText();
            if (group.isEmpty() || uin.isEmpty()) {
                throw new CamException("MissingParameter", "each Info item gives GroupId and Uin (or Uid)");
            }
            pairs.add(new String[] {group, uin});
            resources.add("groupid/" + group);
        }
        authorize(c, resources.toArray(String[]::new));
        write(edit -> {
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            for (String[] p : pairs) {
                tree.group(p[0]);
                ObjectNode user = tree.userByUin(p[1]);
                ArrayNode groups = AccountsTree.array(user, "groups");
                if (add && !AccountsTree.listHas(user, "groups", p[0])) {
                    if (groups.size() >= CamLimits.GROUPS_PER_USER_MAX) {
                        throw new CamException("InvalidParameter.UserGroupFull", "a user is in at most "
                                + CamLimits.GROUPS_PER_USER_MAX + " groups");
                    }
                    groups.add(p[0]);
                } else if (!add) {
                    AccountsTree.remove(groups, g -> g.asText().equals(p[0]));
                }
            }
            edit.accountsChanged();
        }, "FailedOperation");
        return NODES.objectNode();
    }

    // ---- access keys

    /** The sub-user (or the caller's root account) a key call is about, as a tree node. */
    private ObjectNode keyHolder(AccountsTree tree, Call c, String uin) throws CamException {
        return uin.equals(c.owner()) ? tree.account() : tree.userByUin(uin);
    }

    private String target(Call c) throws CamException {
        String t = c.optional("TargetUin");
        return t != null ? t : c.caller().uin();
    }

    private ObjectNode createAccessKey(Call c) throws CamException {
        String uin = target(c);
        authorize(c, "uin/" + uin);
        ObjectNode out = NODES.objectNode();
        write(edit -> {
            ObjectNode holder = keyHolder(AccountsTree.of(edit.accounts(), c.owner()), c, uin);
            ArrayNode keys = AccountsTree.array(holder, "keys");
            if (keys.size() >= CamLimits.KEYS_PER_USER_MAX) {
                throw new CamException("LimitExceeded", "at most " + CamLimits.KEYS_PER_USER_MAX + " access keys each");
            }
            out.set("AccessKey", newKey(edit, keys));
            edit.accountsChanged();
        }, "FailedOperation");
        return out;
    }

    /** Adds a new active key; its secret goes to a file of its own, never into accounts.yaml. */
    private ObjectNode newKey(ConfigEdit edit, ArrayNode keys) {
        String secretId = "AKID" + randomText(32);
        String secretKey = randomText(32);
        String file = "secrets/" + secretId;
        edit.putSecret(file, secretKey);
        keys.addObject().put("secretId", secretId).put("secretKeyFile", file).put("status", "active");
        return NODES.objectNode().put("AccessKeyId", secretId).put("SecretAccessKey", secretKey)
                .put("Status", "Active");
    }

    private String randomText(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return b.toString();
    }

    private ObjectNode updateAccessKey(Call c) throws CamException {
        String id = c.text("AccessKeyId");
        String status = c.text("Status");
        if (!status.equals("Active") && !status.equals("Inactive")) {
            throw new CamException("InvalidParameterValue", "Status is Active or Inactive");
        }
        String uin = target(c);
        authorize(c, "uin/" + uin);
        write(edit -> {
            ObjectNode holder = keyHolder(AccountsTree.of(edit.accounts(), c.owner()), c, uin);
            ObjectNode key = AccountsTree.find(AccountsTree.array(holder, "keys"),
                    k -> id.equals(k.path("secretId").asText()))
                    .orElseThrow(() -> new CamException("ResourceNotFound.NotFound", "no access key " + id));
            key.put("status", status.toLowerCase(Locale.ROOT));
            edit.accountsChanged();
        }, "FailedOperation");
        return NODES.objectNode();
    }

    private ObjectNode deleteAccessKey(Call c) throws CamException {
        String id = c.text("AccessKeyId");
        String uin = target(c);
        authorize(c, "uin/" + uin);
        write(edit -> {
            ObjectNode holder = keyHolder(AccountsTree.of(edit.accounts(), c.owner()), c, uin);
            ArrayNode keys = AccountsTree.array(holder, "keys");
            ObjectNode key = AccountsTree.find(keys, k -> id.equals(k.path("secretId").asText()))
                    .orElseThrow(() -> new CamException("ResourceNotFound.NotFound", "no access key " + id));
            deleteSecretFiles(edit, NODES.arrayNode().add(key));
            AccountsTree.remove(keys, k -> id.equals(k.path("secretId").asText()));
            edit.accountsChanged();
        }, "FailedOperation");
        return NODES.objectNode();
    }

    /** Deletes the secret files that the API wrote for {@code keys}; files people placed are left alone. */
    private static void deleteSecretFiles(ConfigEdit edit, JsonNode keys) {
        for (JsonNode k : keys) {
            String file = k.path("secretKeyFile").asText("");
            if (file.equals("secrets/" + k.path("secretId").asText())) {
                edit.delete(file);
            }
        }
    }

    private ObjectNode listAccessKeys(Call c) throws CamException {
        String uin = target(c);
        authorize(c, "uin/" + uin);
        ObjectNode holder = keyHolder(currentTree(c), c, uin);
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("AccessKeys");
        for (JsonNode k : holder.path("keys")) {
            list.addObject().put("AccessKeyId", k.path("secretId").asText())
                    .put("Status", "inactive".equalsIgnoreCase(k.path("status").asText()) ? "Inactive" : "Active");
        }
        return out;
    }

    private AccountsTree currentTree(Call c) throws CamException {
        try {
            return AccountsTree.of(ConfigEdit.of(reloader.directory()).accounts(), c.owner());
        } catch (IOException e) {
            throw new CamException("InternalError.SystemError", "cannot read the directory");
        }
    }

    // ---- writing

    /** A change to a {@link ConfigEdit}. */
    @FunctionalInterface
    private interface Change {
        void apply(ConfigEdit edit) throws CamException, IOException;
    }

    /**
     * Applies {@code change} to the directory: validated as a reload would, committed, published.
     *
     * @param invalidCode the CAM code when the changed directory does not validate
     */
    private void write(Change change, String invalidCode) throws CamException {
        try {
            ConfigEdit edit = ConfigEdit.of(reloader.directory());
            change.apply(edit);
            edit.validate(loader, reloader.holder().generation() + 1);
            edit.commit();
        } catch (PolicyException e) {
            StringBuilder why = new StringBuilder();
            for (PolicyProblem p : e.problems()) {
                why.append(why.length() == 0 ? "" : "; ").append(p);
            }
            boolean tooLong = e.problems().stream().anyMatch(p -> p.reason().contains("at most"))
                    && invalidCode.equals("InvalidParameter.PolicyDocumentError");
            throw new CamException(tooLong ? "InvalidParameter.PolicyDocumentLengthOverLimit" : invalidCode,
                    why.toString());
        } catch (IOException e) {
            LOG.error("CAM write failed", e);
            throw new CamException("InternalError.SystemError", "cannot write the directory: " + e.getMessage());
        }
        ReloadOutcome outcome = reloader.reload();
        if (!outcome.published()) {
            // validated a moment ago: only a concurrent hand edit can get here
            throw new CamException("FailedOperation", "written, but the directory no longer loads: "
                    + outcome.problems());
        }
    }
}
