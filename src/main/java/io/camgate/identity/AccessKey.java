package io.camgate.identity;

import java.util.Objects;

/**
 * A SecretId/SecretKey pair held by a root account or a sub-user. The secret never appears
 * in {@link #toString()}, so a key logged by accident leaks nothing.
 */
public final class AccessKey {
    private final String secretId;
    private final String secretKey;
    private final KeyStatus status;
    private final String holderUin;

    /**
     * @param secretId  the public id ({@code AKID...})
     * @param secretKey the secret used to derive SignKeys
     * @param status    active or inactive
     * @param holderUin the uin of the root account or sub-user that holds the key
     */
    public AccessKey(String secretId, String secretKey, KeyStatus status, String holderUin) {
        this.secretId = Objects.requireNonNull(secretId);
        this.secretKey = Objects.requireNonNull(secretKey);
        this.status = Objects.requireNonNull(status);
        this.holderUin = Objects.requireNonNull(holderUin);
    }

    /** The public id. */
    public String secretId() {
        return secretId;
    }

    /** The secret; callers must keep it out of logs and metrics. */
    public String secretKey() {
        return secretKey;
    }

    /** Active or inactive. */
    public KeyStatus status() {
        return status;
    }

    /** True when the key may sign. */
    public boolean isActive() {
        return status == KeyStatus.ACTIVE;
    }

    /** The uin of the holder. */
    public String holderUin() {
        return holderUin;
    }

    @Override
    public String toString() {
        return "AccessKey[" + secretId + ", " + status + ", holder " + holderUin + ", secret redacted]";
    }
}
