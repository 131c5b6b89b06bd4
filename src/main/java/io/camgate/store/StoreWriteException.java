package io.camgate.store;

/** A write the store did not apply: someone else wrote first (a conflict), or etcd did not answer in time. */
public final class StoreWriteException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean conflict;

    StoreWriteException(String message, boolean conflict) {
        super(message);
        this.conflict = conflict;
    }

    /** Whether another write came between the read and this write; a retry on a fresh read may succeed. */
    public boolean conflict() {
        return conflict;
    }
}
