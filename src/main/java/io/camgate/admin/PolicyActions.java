package io.camgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.config.ConfigEdit;
import io.camgate.policy.Presets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CAM actions on policies themselves: CreatePolicy, UpdatePolicy, DeletePolicy, GetPolicy
 * and ListPolicies. A custom policy is a file in {@code policies/}, named by the policy; its
 * PolicyId comes from the name ({@link PolicyIds}); its description lives beside it in
 * {@link PolicyDescriptions}. Preset policies can be read and listed but not changed.
 */
final class PolicyActions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CamStore store;

    PolicyActions(CamStore store) {
        this.store = store;
    }

    /** Custom policies by name, as the directory has them now. */
    private Map<String, Long> customPolicies() {
        Map<String, Long> out = new TreeMap<>();
        store.snapshot().policies().customPolicies().keySet().forEach(n -> out.put(n, PolicyIds.of(n)));
        return out;
    }

    /** The name of the custom or preset policy with this PolicyId. */
    String policyName(long id) throws CamException {
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
        throw new CamException(CamError.POLICY_ID_NOT_FOUND, "no policy with PolicyId " + id);
    }

    private static JsonNode document(String text) throws CamException {
        CamLimits.policyDocument(text);
        try {
            JsonNode doc = JSON.readTree(text);
            if (doc == null || !doc.isObject()) {
                throw new CamException(CamError.POLICY_DOCUMENT_ERROR, "PolicyDocument is a JSON object");
            }
            return doc;
        } catch (JsonProcessingException e) {
            throw new CamException(CamError.POLICY_DOCUMENT_ERROR, "PolicyDocument is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    ObjectNode create(CamCall c) throws CamException {
        String name = c.text("PolicyName");
        CamLimits.policyName(name);
        String description = c.optional("Description");
        CamLimits.description(description);
        JsonNode doc = document(c.text("PolicyDocument"));
        store.authorize(c, "policyid/*");
        Map<String, Long> existing = customPolicies();
        if (existing.containsKey(name) || Presets.isPreset(name)) {
            throw new CamException(CamError.POLICY_NAME_IN_USE, "a policy named " + name + " exists");
        }
        if (existing.size() >= CamLimits.POLICIES_MAX) {
            throw new CamException(CamError.POLICY_FULL, "at most " + CamLimits.POLICIES_MAX + " policies");
        }
        long id = PolicyIds.of(name);
        if (existing.containsValue(id) || Presets.names().stream().anyMatch(p -> PolicyIds.of(p) == id)) {
            throw new CamException(CamError.POLICY_NAME_IN_USE, "the name " + name
                    + " maps to the PolicyId of another policy; choose another name");
        }
        store.write(edit -> {
            edit.putPolicy(name, doc);
            describe(edit, name, description);
        }, CamError.POLICY_DOCUMENT_ERROR);
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

    ObjectNode update(CamCall c) throws CamException {
        String name = c.optional("PolicyId") != null ? policyName(c.number("PolicyId")) : c.text("PolicyName");
        String description = c.optional("Description");
        CamLimits.description(description);
        if (Presets.isPreset(name)) {
            throw new CamException(CamError.POLICY_ID_ERROR, "a preset policy cannot be changed");
        }
        if (!customPolicies().containsKey(name)) {
            throw new CamException(CamError.POLICY_ID_NOT_FOUND, "no policy named " + name);
        }
        long id = PolicyIds.of(name);
        String text = c.optional("PolicyDocument");
        JsonNode doc = text == null ? null : document(text);
        store.authorize(c, "policyid/" + id);
        if (doc != null || description != null) {
            store.write(edit -> {
                refuseShared(AccountsTree.of(edit.accounts(), c.owner()), name);
                if (doc != null) {
                    edit.putPolicy(name, doc);
                }
                describe(edit, name, description);
            }, CamError.POLICY_DOCUMENT_ERROR);
        }
        return NODES.objectNode().put("PolicyId", id);
    }

    ObjectNode delete(CamCall c) throws CamException {
        List<String> names = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        for (JsonNode id : c.list("PolicyId", "PolicyId")) {
            String name = policyName(id.asLong());
            if (Presets.isPreset(name)) {
                throw new CamException(CamError.POLICY_ID_ERROR, "a preset policy cannot be deleted");
            }
            names.add(name);
            resources.add("policyid/" + id.asLong());
        }
        store.authorize(c, resources.toArray(String[]::new));
        store.write(edit -> {
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
        }, CamError.FAILED_OPERATION);
        return NODES.objectNode();
    }

    private static void refuseShared(AccountsTree tree, String name) throws CamException {
        if (tree.policyAttachedOutside(name)) {
            throw new CamException(CamError.FAILED_OPERATION, "policy " + name
                    + " is attached in another account, so it is not this account's to change");
        }
    }

    ObjectNode get(CamCall c) throws CamException {
        long id = c.number("PolicyId");
        String name = policyName(id);
        store.authorize(c, "policyid/" + id);
        boolean preset = Presets.isPreset(name);
        ConfigEdit now = store.read();
        String text;
        String description;
        try {
            text = preset ? Presets.text(name) : now.policyText(name).orElse("");
            description = PolicyDescriptions.read(now).getOrDefault(name, "");
        } catch (IOException e) {
            throw new CamException(CamError.SYSTEM_ERROR, "cannot read the policy");
        }
        return NODES.objectNode().put("PolicyName", name).put("Description", description)
                .put("Type", preset ? 2 : 1).put("PolicyDocument", text);
    }

    ObjectNode list(CamCall c) throws CamException {
        String scope = c.optional("Scope") == null ? "All" : c.text("Scope");
        String keyword = c.optional("Keyword");
        if (!List.of("All", "QCS", "Local").contains(scope)) {
            throw new CamException(CamError.SCOPE_ERROR, "Scope is All, QCS or Local");
        }
        store.authorize(c, "policyid/*");
        Map<String, String> descriptions;
        try {
            descriptions = PolicyDescriptions.read(store.read());
        } catch (IOException e) {
            throw new CamException(CamError.SYSTEM_ERROR, "cannot read the policy descriptions");
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
        c.page(all).forEach(list::add);
        return out;
    }

    private static ObjectNode policyInfo(String name, long id, int type, String description) {
        return NODES.objectNode().put("PolicyId", id).put("PolicyName", name).put("Type", type)
                .put("Description", description).put("CreateMode", type == 1 ? 2 : 1);
    }
}
