package io.camgate.identity;

import java.util.List;

/**
 * A user group of a root account; its policies apply to every member.
 *
 * @param id       the group id, unique within the owner's account
 * @param name     the group name
 * @param ownerUin the root account's uin
 * @param policies names of the attached policies
 */
public record Group(String id, String name, String ownerUin, List<String> policies) {
}
