package io.camgate.limits;

/**
 * What the {@link Limiter} granted one request: either it may proceed, and its body bytes are
 * charged as they pass, or it must be answered with COS's 503 SlowDown.
 */
public interface Allowance {
    /** The COS error code of a throttled request. */
    String SLOW_DOWN_CODE = "SlowDown";
    /** The HTTP status of a throttled request. */
    int SLOW_DOWN_STATUS = 503;
    /** The COS error message of a throttled request. */
    String SLOW_DOWN_MESSAGE = "Please reduce your request rate.";

    /** The allowance of a caller without limits. */
    Allowance UNLIMITED = new Allowance() {
        @Override
        public boolean throttled() {
            return false;
        }

        @Override
        public void charge(long bytes) {
            // no bandwidth limit to charge
        }
    };

    /** The answer for a throttled request. */
    Allowance SLOW_DOWN = new Allowance() {
        @Override
        public boolean throttled() {
            return true;
        }

        @Override
        public void charge(long bytes) {
            throw new IllegalStateException("a throttled request moves no bytes");
        }
    };

    /** True when the request must be answered with 503 SlowDown. */
    boolean throttled();

    /** Charges {@code bytes} of body (either direction) against the caller's bandwidth. */
    void charge(long bytes);
}
