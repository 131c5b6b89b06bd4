package io.camgate.identity;

import java.util.List;

/**
 * A CAM sub-user of a root account.
 *
 * @param uin      the sub-user's uin
 * @param name     the sub-user's name
 * @param ownerUin the root account's uin
 * @param groupIds ids of the owner's groups the user belongs to
 * @param policies names of the policies attached directly (presets or {@code policies/<name>.json})
 * @param keys     the user's access keys
 */
public record SubUser(String uin, String name, String ownerUin, List<String> groupIds, List<String> policies,
        List<AccessKey> keys) {
}
