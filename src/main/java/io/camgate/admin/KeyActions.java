package io.camgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.config.ConfigEdit;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * The CAM actions on access keys: CreateAccessKey, UpdateAccessKey, DeleteAccessKey and
 * ListAccessKeys, for a sub-user of the caller's account or (with no {@code TargetUin}) the
 * caller itself. A new key's secret goes to a file of its own under {@code secrets/}, never into
 * {@code accounts.yaml}, and is shown once, in the answer that creates it. A key set
 * {@code Inactive} is refused by the gateway from the next request on, since the published
 * snapshot no longer holds it as active.
 */
final class KeyActions {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final CamStore store;
    private final SecureRandom random = new SecureRandom();

    KeyActions(CamStore store) {
        this.store = store;
    }

    /** The sub-user (or the caller's root account) a key call is about, as a tree node. */
    private static ObjectNode holder(AccountsTree tree, CamCall c, String uin) throws CamException {
        return uin.equals(c.owner()) ? tree.account() : tree.userByUin(uin);
    }

    private static String target(CamCall c) throws CamException {
        String t = c.optional("TargetUin");
        return t != null ? t : c.caller().uin();
    }

    private static ObjectNode key(ObjectNode holder, String id) throws CamException {
        return AccountsTree.find(AccountsTree.array(holder, "keys"), k -> id.equals(k.path("secretId").asText()))
                .orElseThrow(() -> new CamException(CamError.NOT_FOUND, "no access key " + id));
    }

    ObjectNode create(CamCall c) throws CamException {
        String uin = target(c);
        store.authorize(c, "uin/" + uin);
        ObjectNode out = NODES.objectNode();
        store.write(edit -> {
            ArrayNode keys = AccountsTree.array(holder(AccountsTree.of(edit.accounts(), c.owner()), c, uin), "keys");
            if (keys.size() >= CamLimits.KEYS_PER_USER_MAX) {
                throw new CamException(CamError.LIMIT_EXCEEDED, "at most " + CamLimits.KEYS_PER_USER_MAX
                        + " access keys each");
            }
            out.set("AccessKey", newKey(edit, keys));
            edit.accountsChanged();
        }, CamError.FAILED_OPERATION);
        return out;
    }

    /** Adds a new active key to {@code keys} and stages its secret file; the answer holds the secret. */
    ObjectNode newKey(ConfigEdit edit, ArrayNode keys) {
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

    ObjectNode update(CamCall c) throws CamException {
        String id = c.text("AccessKeyId");
        String status = c.text("Status");
        if (!status.equals("Active") && !status.equals("Inactive")) {
            throw new CamException(CamError.INVALID_PARAMETER_VALUE, "Status is Active or Inactive");
        }
        String uin = target(c);
        store.authorize(c, "uin/" + uin);
        store.write(edit -> {
            key(holder(AccountsTree.of(edit.accounts(), c.owner()), c, uin), id)
                    .put("status", status.toLowerCase(Locale.ROOT));
            edit.accountsChanged();
        }, CamError.FAILED_OPERATION);
        return NODES.objectNode();
    }

    ObjectNode delete(CamCall c) throws CamException {
        String id = c.text("AccessKeyId");
        String uin = target(c);
        store.authorize(c, "uin/" + uin);
        store.write(edit -> {
            ObjectNode holder = holder(AccountsTree.of(edit.accounts(), c.owner()), c, uin);
            deleteSecretFiles(edit, NODES.arrayNode().add(key(holder, id)));
            AccountsTree.remove(AccountsTree.array(holder, "keys"), k -> id.equals(k.path("secretId").asText()));
            edit.accountsChanged();
        }, CamError.FAILED_OPERATION);
        return NODES.objectNode();
    }

    /** Deletes the secret files that the API wrote for {@code keys}; files people placed are left alone. */
    static void deleteSecretFiles(ConfigEdit edit, JsonNode keys) {
        for (JsonNode k : keys) {
            String file = k.path("secretKeyFile").asText("");
            if (file.equals("secrets/" + k.path("secretId").asText())) {
                edit.delete(file);
            }
        }
    }

    ObjectNode list(CamCall c) throws CamException {
        String uin = target(c);
        store.authorize(c, "uin/" + uin);
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("AccessKeys");
        for (JsonNode k : holder(store.tree(c), c, uin).path("keys")) {
            list.addObject().put("AccessKeyId", k.path("secretId").asText())
                    .put("Status", "inactive".equalsIgnoreCase(k.path("status").asText()) ? "Inactive" : "Active");
        }
        return out;
    }
}
