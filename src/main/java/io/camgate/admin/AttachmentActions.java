package io.camgate.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.identity.Group;
import io.camgate.identity.SubUser;
import io.camgate.policy.Presets;
import java.util.List;

/**
 * The CAM actions that attach policies to sub-users and groups and list them: Attach/Detach
 * User/GroupPolicy and ListAttachedUser/GroupPolicies. An attachment is the policy's name in the
 * holder's {@code policies} list in {@code accounts.yaml}. Attaching what is attached, or
 * detaching what is not, changes nothing and succeeds.
 */
final class AttachmentActions {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Whom a policy is attached to. */
    enum Holder {
        USER("uin/"),
        GROUP("groupid/");

        private final String resourcePrefix;

        Holder(String resourcePrefix) {
            this.resourcePrefix = resourcePrefix;
        }
    }

    private final CamStore store;
    private final PolicyActions policies;

    AttachmentActions(CamStore store, PolicyActions policies) {
        this.store = store;
        this.policies = policies;
    }

    /**
     * Attaches ({@code attach}) or detaches the policy {@code PolicyId} to or from the holder named
     * by parameter {@code targetField}.
     */
    ObjectNode change(CamCall c, Holder holderKind, String targetField, boolean attach) throws CamException {
        long policyId = c.number("PolicyId");
        String target = c.text(targetField);
        String name = policies.policyName(policyId);
        store.authorize(c, "policyid/" + policyId, holderKind.resourcePrefix + target);
        store.write(edit -> {
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            ObjectNode holder = holderKind == Holder.USER ? tree.userByUin(target) : tree.group(target);
            ArrayNode attached = AccountsTree.array(holder, "policies");
            if (attach) {
                if (AccountsTree.listHas(holder, "policies", name)) {
                    return;
                }
                if (attached.size() >= CamLimits.ATTACHMENTS_PER_HOLDER_MAX) {
                    throw new CamException(CamError.ATTACHMENT_FULL, "at most "
                            + CamLimits.ATTACHMENTS_PER_HOLDER_MAX + " policies per user or group");
                }
                attached.add(name);
            } else if (!AccountsTree.remove(attached, p -> p.asText().equals(name))) {
                return;
            }
            edit.accountsChanged();
        }, CamError.FAILED_OPERATION);
        return NODES.objectNode();
    }

    ObjectNode listForUser(CamCall c) throws CamException {
        String target = c.text("TargetUin");
        store.authorize(c, "uin/" + target);
        SubUser user = store.snapshot().directory().user(target)
                .filter(u -> u.ownerUin().equals(c.owner()))
                .orElseThrow(() -> new CamException(CamError.USER_NOT_EXIST, "no sub-user " + target));
        return attached(c, user.policies());
    }

    ObjectNode listForGroup(CamCall c) throws CamException {
        String target = c.text("TargetGroupId");
        store.authorize(c, "groupid/" + target);
        Group group = store.snapshot().directory().group(c.owner(), target)
                .orElseThrow(() -> new CamException(CamError.GROUP_NOT_EXIST, "no group " + target));
        return attached(c, group.policies());
    }

    private static ObjectNode attached(CamCall c, List<String> policies) throws CamException {
        ObjectNode out = NODES.objectNode().put("TotalNum", policies.size());
        ArrayNode list = out.putArray("List");
        for (String n : c.page(policies)) {
            boolean preset = Presets.isPreset(n);
            list.addObject().put("PolicyId", PolicyIds.of(n)).put("PolicyName", n)
                    .put("PolicyType", preset ? "QCS" : "User").put("CreateMode", preset ? 1 : 2);
        }
        return out;
    }
}
