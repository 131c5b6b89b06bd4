package io.camgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.identity.Group;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CAM actions on user groups: CreateGroup, DeleteGroup, GetGroup, ListGroups,
 * AddUserToGroup, RemoveUserFromGroup, ListUsersForGroup and ListGroupsForUser, on the caller's
 * account in {@code accounts.yaml}. A group's members are the sub-users that list its id.
 */
final class GroupActions {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CamStore store;

    GroupActions(CamStore store) {
        this.store = store;
    }

    private RootAccount account(CamCall c) throws CamException {
        return store.snapshot().directory().rootByUin(c.owner())
                .orElseThrow(() -> new CamException(CamError.NOT_FOUND, "no root account " + c.owner()));
    }

    private Group existing(CamCall c, String id) throws CamException {
        return store.snapshot().directory().group(c.owner(), id)
                .orElseThrow(() -> new CamException(CamError.GROUP_NOT_EXIST, "no group " + id));
    }

    private List<SubUser> members(CamCall c, String id) throws CamException {
        return account(c).users().stream().filter(u -> u.groupIds().contains(id)).toList();
    }

    private static void addUsers(ArrayNode into, List<SubUser> users) {
        for (SubUser u : users) {
            into.addObject().put("Uid", Long.parseLong(u.uin())).put("Uin", Long.parseLong(u.uin()))
                    .put("Name", u.name());
        }
    }

    private static void addGroups(ArrayNode into, List<Group> groups) {
        for (Group g : groups) {
            into.addObject().put("GroupId", Long.parseLong(g.id())).put("GroupName", g.name()).put("Remark", "");
        }
    }

    ObjectNode get(CamCall c) throws CamException {
        String id = c.text("GroupId");
        store.authorize(c, "groupid/" + id);
        Group group = existing(c, id);
        List<SubUser> members = members(c, id);
        ObjectNode out = NODES.objectNode().put("GroupId", Long.parseLong(id)).put("GroupName", group.name())
                .put("GroupNum", members.size()).put("Remark", "");
        addUsers(out.putArray("UserInfo"), members);
        return out;
    }

    ObjectNode list(CamCall c) throws CamException {
        String keyword = c.optional("Keyword");
        store.authorize(c, "groupid/*");
        List<Group> groups = new ArrayList<>(account(c).groups());
        if (keyword != null) {
            String k = keyword.toLowerCase(Locale.ROOT);
            groups.removeIf(g -> !g.name().toLowerCase(Locale.ROOT).contains(k));
        }
        ObjectNode out = NODES.objectNode().put("TotalNum", groups.size());
        addGroups(out.putArray("GroupInfo"), c.page(groups));
        return out;
    }

    ObjectNode listUsers(CamCall c) throws CamException {
        String id = c.text("GroupId");
        store.authorize(c, "groupid/" + id);
        existing(c, id);
        List<SubUser> members = members(c, id);
        ObjectNode out = NODES.objectNode().put("TotalNum", members.size());
        addUsers(out.putArray("UserInfo"), c.page(members));
        return out;
    }

    ObjectNode listForUser(CamCall c) throws CamException {
        String uin = c.optional("SubUin") != null ? c.text("SubUin") : c.text("Uid");
        store.authorize(c, "uin/" + uin);
        SubUser user = account(c).users().stream().filter(u -> u.uin().equals(uin)).findFirst()
                .orElseThrow(() -> new CamException(CamError.USER_NOT_EXIST, "no sub-user " + uin));
        List<Group> groups = account(c).groups().stream().filter(g -> user.groupIds().contains(g.id())).toList();
        ObjectNode out = NODES.objectNode().put("TotalNum", groups.size());
        addGroups(out.putArray("GroupInfo"), c.page(groups));
        return out;
    }

    ObjectNode create(CamCall c) throws CamException {
        String name = c.text("GroupName");
        CamLimits.groupName(name);
        store.authorize(c, "groupid/*");
        ObjectNode out = NODES.objectNode();
        store.write(edit -> {
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            if (AccountsTree.find(tree.groups(), g -> name.equals(g.path("name").asText())).isPresent()) {
                throw new CamException(CamError.GROUP_NAME_IN_USE, "a group named " + name + " exists");
            }
            if (tree.groups().size() >= CamLimits.GROUPS_MAX) {
                throw new CamException(CamError.GROUP_FULL, "at most " + CamLimits.GROUPS_MAX + " groups");
            }
            long id = tree.largestGroupId() + 1;
            tree.groups().addObject().put("id", Long.toString(id)).put("name", name).putArray("policies");
            out.put("GroupId", id);
            edit.accountsChanged();
        }, CamError.FAILED_OPERATION);
        return out;
    }

    ObjectNode delete(CamCall c) throws CamException {
        String id = c.text("GroupId");
        store.authorize(c, "groupid/" + id);
        store.write(edit -> {
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            tree.group(id);
            AccountsTree.remove(tree.groups(), g -> id.equals(g.path("id").asText()));
            for (JsonNode u : tree.users()) {
                AccountsTree.remove(AccountsTree.array((ObjectNode) u, "groups"), g -> g.asText().equals(id));
            }
            edit.accountsChanged();
        }, CamError.FAILED_OPERATION);
        return NODES.objectNode();
    }

    /** One {@code Info} item: a group and a member. */
    private record Membership(String group, String uin) {
    }

    /** AddUserToGroup ({@code add}) or RemoveUserFromGroup. */
    ObjectNode membership(CamCall c, boolean add) throws CamException {
        List<Membership> pairs = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        for (JsonNode i : c.list("Info", "{GroupId, Uin}")) {
            String group = i.path("GroupId").asText();
            String uin = i.hasNonNull("Uin") ? i.path("Uin").asText() : i.path("Uid").asText();
            if (group.isEmpty() || uin.isEmpty()) {
                throw new CamException(CamError.MISSING_PARAMETER, "each Info item gives GroupId and Uin (or Uid)");
            }
            pairs.add(new Membership(group, uin));
            resources.add("groupid/" + group);
        }
        store.authorize(c, resources.toArray(String[]::new));
        store.write(edit -> {
            AccountsTree tree = AccountsTree.of(edit.accounts(), c.owner());
            for (Membership p : pairs) {
                tree.group(p.group());
                ObjectNode user = tree.userByUin(p.uin());
                ArrayNode groups = AccountsTree.array(user, "groups");
                if (add && !AccountsTree.listHas(user, "groups", p.group())) {
                    if (groups.size() >= CamLimits.GROUPS_PER_USER_MAX) {
                        throw new CamException(CamError.USER_GROUP_FULL, "a user is in at most "
                                + CamLimits.GROUPS_PER_USER_MAX + " groups");
                    }
                    groups.add(p.group());
                } else if (!add) {
                    AccountsTree.remove(groups, g -> g.asText().equals(p.group()));
                }
            }
            edit.accountsChanged();
        }, CamError.FAILED_OPERATION);
        return NODES.objectNode();
    }
}
