package io.camgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.admin.AttachmentActions.Holder;
import io.camgate.authz.SessionPolicy;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ConfigReloader;
import io.camgate.identity.Principal;
import io.camgate.sign.Authentication;
import io.camgate.store.StoreMode;
import java.util.Optional;

/**
 * The CAM management actions, on the configuration directory of one {@link ConfigReloader},
 * whichever way they arrive (Tencent Cloud API 3.0 on {@code /}, or COS-signed on {@code /cam}).
 * Each action is authorized on {@code name/cam:<Action>} and resources
 * {@code qcs::cam::uin/<owner>:policyid/<id>}, {@code ...:uin/<sub-user>} or
 * {@code ...:groupid/<id>} ({@code *} for lists and creation), narrowed by a temporary key's
 * session policy, then run by the class for its
 * resource: {@link PolicyActions}, {@link AttachmentActions}, {@link UserActions},
 * {@link GroupActions}, {@link KeyActions}. Calls run one at a time.
 */
final class CamService {
    private final PolicyActions policies;
    private final AttachmentActions attachments;
    private final UserActions users;
    private final GroupActions groups;
    private final KeyActions keys;

    CamService(ConfigReloader reloader, ConfigLoader loader, Optional<StoreMode> shared) {
        CamStore store = new CamStore(reloader, loader, shared);
        this.policies = new PolicyActions(store);
        this.attachments = new AttachmentActions(store, policies);
        this.keys = new KeyActions(store);
        this.users = new UserActions(store, keys);
        this.groups = new GroupActions(store);
    }

    /**
     * Runs {@code action} for {@code caller}.
     *
     * @return the fields of the response (without RequestId)
     * @throws CamException with CAM's error when refused
     */
    synchronized ObjectNode call(Authentication caller, String action, JsonNode params) throws CamException {
        CamCall c = new CamCall(caller.principal(), ownerOf(caller.principal()),
                caller.sessionPolicy().map(SessionPolicy::new), action,
                params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params);
        return switch (action) {
            case "CreatePolicy" -> policies.create(c);
            case "UpdatePolicy" -> policies.update(c);
            case "DeletePolicy" -> policies.delete(c);
            case "GetPolicy" -> policies.get(c);
            case "ListPolicies" -> policies.list(c);
            case "AttachUserPolicy" -> attachments.change(c, Holder.USER, "AttachUin", true);
            case "DetachUserPolicy" -> attachments.change(c, Holder.USER, "DetachUin", false);
            case "AttachGroupPolicy" -> attachments.change(c, Holder.GROUP, "AttachGroupId", true);
            case "DetachGroupPolicy" -> attachments.change(c, Holder.GROUP, "DetachGroupId", false);
            case "ListAttachedUserPolicies" -> attachments.listForUser(c);
            case "ListAttachedGroupPolicies" -> attachments.listForGroup(c);
            case "AddUser" -> users.add(c);
            case "GetUser" -> users.get(c);
            case "DeleteUser" -> users.delete(c);
            case "ListUsers" -> users.list(c);
            case "GetUserAppId" -> users.appId(c);
            case "CreateGroup" -> groups.create(c);
            case "DeleteGroup" -> groups.delete(c);
            case "GetGroup" -> groups.get(c);
            case "ListGroups" -> groups.list(c);
            case "AddUserToGroup" -> groups.membership(c, true);
            case "RemoveUserFromGroup" -> groups.membership(c, false);
            case "ListUsersForGroup" -> groups.listUsers(c);
            case "ListGroupsForUser" -> groups.listForUser(c);
            case "CreateAccessKey" -> keys.create(c);
            case "UpdateAccessKey" -> keys.update(c);
            case "DeleteAccessKey" -> keys.delete(c);
            case "ListAccessKeys" -> keys.list(c);
            default -> throw new CamException(CamError.INVALID_ACTION, "no action \"" + action + "\"");
        };
    }

    private static String ownerOf(Principal caller) throws CamException {
        if (caller instanceof Principal.Root r) {
            return r.uin();
        }
        if (caller instanceof Principal.SubUser s) {
            return s.ownerUin();
        }
        throw new CamException(CamError.AUTH_SIGNATURE_FAILURE, "the CAM API takes signed requests only");
    }
}
