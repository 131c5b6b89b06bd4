package io.camgate.identity;

import java.util.List;

/**
 * A root (owner) account: it owns every resource under its APPID and uin.
 *
 * @param uin     the root uin
 * @param appid   the APPID that stands in COS and CI resources as {@code uid/<appid>}
 * @param keys    the root account's own access keys
 * @param users   its sub-users
 * @param groups  its user groups
 * @param buckets its buckets
 */
public record RootAccount(String uin, String appid, List<AccessKey> keys, List<SubUser> users, List<Group> groups,
        List<Bucket> buckets) {
}
