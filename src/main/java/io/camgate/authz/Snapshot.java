package io.camgate.authz;

import io.camgate.identity.Directory;

/**
 * Everything one decision reads, frozen: the directory and the policies. A request keeps the
 * snapshot it started with. Two numbers name it: the generation orders the snapshots one
 * process publishes, and the revision says what the snapshot holds, the same on every replica
 * that serves the same content.
 *
 * @param generation increases by one with each snapshot this process publishes
 * @param revision   identifies the content: {@code sha256:…} of a directory's files, or
 *                   {@code etcd:<revision>} of the store it was read from
 * @param directory  accounts, users, groups, keys, buckets, feature sets
 * @param policies   user and bucket policies
 */
public record Snapshot(long generation, String revision, Directory directory, PolicySet policies) {
}
