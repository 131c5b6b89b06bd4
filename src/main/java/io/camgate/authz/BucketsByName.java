package io.camgate.authz;

import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import io.camgate.policy.ResourceName;
import java.util.function.Function;

/**
 * The directory's buckets, found by the bucket a request's resource names (read once when
 * the resource was made): an open-addressing table of bucket names, each with the account
 * it lies under and the root account that account names, so that a lookup hashes and compares
 * two strings, allocates nothing, and answers the owner too.
 */
final class BucketsByName {
    private final String[] names;
    private final Bucket[] buckets;
    private final String[] accounts;
    private final RootAccount[] owners;

    /** The buckets of {@code directory}; {@code owners} finds the root account an account segment names. */
    BucketsByName(Directory directory, Function<String, RootAccount> owners) {
        int count = 0;
        for (RootAccount root : directory.accounts()) {
            count += root.buckets().size();
        }
        int size = Integer.highestOneBit(Math.max(1, count) * 2) * 2;
        names = new String[size];
        buckets = new Bucket[size];
        accounts = new String[size];
        this.owners = new RootAccount[size];
        for (RootAccount root : directory.accounts()) {
            for (Bucket b : root.buckets()) {
                int at = slot(b.name(), size - 1);
                while (names[at] != null) {
                    at = (at + 1) & (size - 1);
                }
                names[at] = b.name();
                buckets[at] = b;
                accounts[at] = "uid/" + b.appid();
                this.owners[at] = owners.apply(accounts[at]);
            }
        }
    }

    /**
     * Where the table holds the bucket the resource lies in, when the directory knows it under
     * the resource's account; else -1.
     */
    int find(ResourceName resource) {
        String name = resource.bucket();
        if (name == null) {
            return -1;
        }
        int mask = names.length - 1;
        for (int at = slot(name, mask); names[at] != null; at = (at + 1) & mask) {
            if (names[at].equals(name)) {
                return accounts[at].equals(resource.account()) ? at : -1;
            }
        }
        return -1;
    }

    /** The bucket at {@code at}, a place {@link #find} answered. */
    Bucket bucket(int at) {
        return buckets[at];
    }

    /** The root account the account segment of the bucket at {@code at} names (null if none): the resource's owner. */
    RootAccount owner(int at) {
        return owners[at];
    }

    private static int slot(String name, int mask) {
        int h = name.hashCode();
        return (h ^ h >>> 16) & mask;
    }
}
