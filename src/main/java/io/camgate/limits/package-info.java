/**
 * Per-sub-account and per-key request-rate and bandwidth limits, answered with COS's 503
 * SlowDown: token buckets held in this replica or, with camgate.yaml's {@code limits:}, leased
 * in batches from buckets the replicas share in Redis.
 */
package io.camgate.limits;
