package io.camgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The editable {@code accounts.yaml} tree of one root account, with the lookups the CAM API
 * needs. Values are read as text, because YAML reads an unquoted uin as a number.
 */
final class AccountsTree {
    private final ObjectNode top;
    private final ObjectNode account;

    private AccountsTree(ObjectNode top, ObjectNode account) {
        this.top = top;
        this.account = account;
    }

    /** The account of root {@code ownerUin} in {@code top}. */
    static AccountsTree of(ObjectNode top, String ownerUin) throws CamException {
        for (JsonNode a : top.path("accounts")) {
            if (a instanceof ObjectNode o && ownerUin.equals(a.path("uin").asText())) {
                return new AccountsTree(top, o);
            }
        }
        throw new CamException(CamError.NOT_FOUND, "no root account " + ownerUin + " in the directory");
    }

    ObjectNode account() {
        return account;
    }

    ArrayNode users() {
        return array(account, "users");
    }

    ArrayNode groups() {
        return array(account, "groups");
    }

    static ArrayNode array(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n instanceof ArrayNode a) {
            return a;
        }
        return parent.putArray(field);
    }

    Optional<ObjectNode> user(Predicate<JsonNode> which) {
        return find(users(), which);
    }

    ObjectNode userByUin(String uin) throws CamException {
        return user(u -> uin.equals(u.path("uin").asText()))
                .orElseThrow(() -> new CamException(CamError.USER_NOT_EXIST, "no sub-user " + uin));
    }

    ObjectNode group(String id) throws CamException {
        return find(groups(), g -> id.equals(g.path("id").asText()))
                .orElseThrow(() -> new CamException(CamError.GROUP_NOT_EXIST, "no group " + id));
    }

    static Optional<ObjectNode> find(ArrayNode items, Predicate<JsonNode> which) {
        for (JsonNode n : items) {
            if (n instanceof ObjectNode o && which.test(o)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** Removes the items that match; true when any did. */
    static boolean remove(ArrayNode items, Predicate<JsonNode> which) {
        boolean removed = false;
        for (int i = items.size() - 1; i >= 0; i--) {
            if (which.test(items.get(i))) {
                items.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    /** Whether the text list {@code field} of {@code node} holds {@code value}. */
    static boolean listHas(ObjectNode node, String field, String value) {
        for (JsonNode n : node.path(field)) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    /** The largest uin anywhere in the directory, root accounts and sub-users alike. */
    long largestUin() {
        long max = 0;
        for (JsonNode a : top.path("accounts")) {
            max = Math.max(max, number(a.path("uin").asText()));
            for (JsonNode u : a.path("users")) {
                max = Math.max(max, number(u.path("uin").asText()));
            }
        }
        return max;
    }

    /** The largest numeric group id of this account. */
    long largestGroupId() {
        long max = 0;
        for (JsonNode g : groups()) {
            max = Math.max(max, number(g.path("id").asText()));
        }
        return max;
    }

    /** Every holder of keys in the whole directory: accounts and their users. */
    Iterable<JsonNode> everyKeyList() {
        ArrayNode lists = top.arrayNode();
        for (JsonNode a : top.path("accounts")) {
            lists.add(a.path("keys"));
            for (JsonNode u : a.path("users")) {
                lists.add(u.path("keys"));
            }
        }
        return lists;
    }

    /**
     * Whether a user or group of another root account has policy {@code name} attached. Policies
     * are one namespace per directory, so such a policy is shared, and this account may not
     * change or delete it.
     */
    boolean policyAttachedOutside(String name) {
        for (JsonNode a : top.path("accounts")) {
            if (a == account) {
                continue;
            }
            for (JsonNode holder : a.path("users")) {
                if (listHas((ObjectNode) holder, "policies", name)) {
                    return true;
                }
            }
            for (JsonNode holder : a.path("groups")) {
                if (listHas((ObjectNode) holder, "policies", name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
