package io.camgate.authz;

import io.camgate.identity.Directory;

/**
 * Everything one decision reads, frozen: the directory and the policies, with a generation
 * number that grows with every published reload. A request keeps the snapshot it started with.
 *
 * @param generation increases by one with each published snapshot
 * @param directory  accounts, users, groups, keys, buckets, feature sets
 * @param policies   user and bucket policies
 */
public record Snapshot(long generation, Directory directory, PolicySet policies) {
}
