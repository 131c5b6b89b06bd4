package io.camgate.policy;

/** Where a document is attached, which decides whether {@code principal} is required or forbidden. */
public enum PolicyKind {
    /** Attached to users and groups; has no principal. Limit: 6144 characters without white space. */
    USER(6144),
    /** Attached to a bucket; every statement names principals. Limit: 20 KB. */
    BUCKET(20 * 1024);

    private final int sizeLimit;

    PolicyKind(int sizeLimit) {
        this.sizeLimit = sizeLimit;
    }

    /** The size limit: characters without white space for user policies, bytes for bucket policies. */
    public int sizeLimit() {
        return sizeLimit;
    }
}
