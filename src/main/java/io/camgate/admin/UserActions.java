package io.camgate.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.identity.RootAccount;

/**
 * The CAM actions on sub-users: AddUser, GetUser, DeleteUser, ListUsers and GetUserAppId, on
 * the caller's account in {@code accounts.yaml}. A new sub-user takes the next free uin; with {@code UseApi=1} it also
 * gets an access key, whose secret is in the answer and nowhere else the API shows.
 */
final class UserActions {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CamStore store;
    private final KeyActions keys;

    UserActions(CamStore store, KeyActions keys) {
        this.store = store;
        this.keys = keys;
    }

    ObjectNode add(CamCall c) throws CamException {
        String name = c.text("Name");
        CamLimits.userName(name);
        boolean useApi = "1".equals(c.optional("UseApi"));
        store.authorize(c, "uin/*");
        ObjectNode out = NODES.objectNode();
        store.write(edit -> {
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            if (tree.user(u -> name.equals(u.path("name").asText())).isPresent()) {
                throw new CamException(CamError.SUB_USER_NAME_IN_USE, "a sub-user named " + name + " exists");
            }
            if (tree.users().size() >= CamLimits.SUB_USERS_MAX) {
                throw new CamException(CamError.SUB_USER_FULL, "at most " + CamLimits.SUB_USERS_MAX
                        + " sub-users");
            }
            String uin = Long.toString(tree.largestUin() + 1);
            ObjectNode user = tree.users().addObject().put("uin", uin).put("name", name);
            user.putArray("policies");
            out.put("Uin", Long.parseLong(uin)).put("Name", name).put("Uid", Long.parseLong(uin));
            if (useApi) {
                ObjectNode key = keys.newKey(edit, AccountsTree.array(user, "keys"));
                out.put("SecretId", key.path("AccessKeyId").asText()).put("SecretKey",
                        key.path("SecretAccessKey").asText());
            }
            edit.accountsChanged();
        }, CamError.FAILED_OPERATION);
        return out;
    }

    private ObjectNode named(AccountsTree tree, String name) throws CamException {
        return tree.user(u -> name.equals(u.path("name").asText()))
                .orElseThrow(() -> new CamException(CamError.USER_NOT_EXIST, "no sub-user named " + name));
    }

    ObjectNode get(CamCall c) throws CamException {
        String name = c.text("Name");
        ObjectNode user = named(store.tree(c), name);
        String uin = user.path("uin").asText();
        store.authorize(c, "uin/" + uin);
        return NODES.objectNode().put("Uin", Long.parseLong(uin)).put("Name", name)
                .put("Uid", Long.parseLong(uin)).put("Remark", "").put("ConsoleLogin", 0);
    }

    ObjectNode delete(CamCall c) throws CamException {
        String name = c.text("Name");
        boolean force = "1".equals(c.optional("Force"));
        String uin = named(store.tree(c), name).path("uin").asText();
        store.authorize(c, "uin/" + uin);
        store.write(edit -> {
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            ObjectNode user = tree.userByUin(uin);
            if (!user.path("keys").isEmpty() && !force) {
                throw new CamException(CamError.FAILED_OPERATION,
                        "the user has access keys; delete them or pass Force=1");
            }
            KeyActions.deleteSecretFiles(edit, user.path("keys"));
            AccountsTree.remove(tree.users(), u -> uin.equals(u.path("uin").asText()));
            edit.accountsChanged();
        }, CamError.FAILED_OPERATION);
        return NODES.objectNode();
    }

    ObjectNode list(CamCall c) throws CamException {
        store.authorize(c, "uin/*");
        ObjectNode out = NODES.objectNode();
        ArrayNode data = out.putArray("Data");
        store.snapshot().directory().rootByUin(c.owner()).ifPresent(root -> root.users().forEach(u ->
                data.addObject().put("Uin", Long.parseLong(u.uin())).put("Name", u.name())
                        .put("Uid", Long.parseLong(u.uin())).put("Remark", "")));
        return out;
    }

    ObjectNode appId(CamCall c) throws CamException {
        store.authorize(c, "uin/" + c.caller().uin());
        RootAccount root = store.snapshot().directory().rootByUin(c.owner())
                .orElseThrow(() -> new CamException(CamError.NOT_FOUND, "no root account " + c.owner()));
        return NODES.objectNode().put("Uin", c.caller().uin()).put("OwnerUin", c.owner()).put("AppId",
                Long.parseLong(root.appid()));
    }
}
