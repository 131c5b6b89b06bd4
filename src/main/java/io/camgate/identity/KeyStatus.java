package io.camgate.identity;

/** Whether an access key may sign requests. An inactive key is treated as unknown. */
public enum KeyStatus {
    ACTIVE,
    INACTIVE
}
