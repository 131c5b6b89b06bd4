package io.camgate.authz;

import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import io.camgate.policy.ResourceName;

/**
 * The directory's buckets, found by the bucket part of a request's resource without cutting
 * it out as a new string (a decision should not allocate): an open-addressing table probed
 * with the hash of the character range.
 */
final class BucketsByName {
    private final Bucket[] buckets;
    private final String[] accounts;

    BucketsByName(Directory directory) {
        int count = 0;
        for (RootAccount root : directory.accounts()) {
            count += root.buckets().size();
        }
        int size = Integer.highestOneBit(Math.max(1, count) * 2) * 2;
        buckets = new Bucket[size];
        accounts = new String[size];
        for (RootAccount root : directory.accounts()) {
            for (Bucket b : root.buckets()) {
                int at = b.name().hashCode() & (size - 1);
                while (buckets[at] != null) {
                    at = (at + 1) & (size - 1);
                }
                buckets[at] = b;
                accounts[at] = "uid/" + b.appid();
            }
        }
    }

    /** The bucket the resource lies in, when the directory knows it under the resource's account; else null. */
    Bucket of(ResourceName resource) {
        int from = resource.bucketFrom();
        if (from < 0) {
            return null;
        }
        String text = resource.resource();
        int to = resource.bucketTo();
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        int mask = buckets.length - 1;
        for (int at = h & mask; buckets[at] != null; at = (at + 1) & mask) {
            String name = buckets[at].name();
            if (name.length() == to - from && text.regionMatches(from, name, 0, name.length())) {
                return accounts[at].equals(resource.account()) ? buckets[at] : null;
            }
        }
        return null;
    }
}
