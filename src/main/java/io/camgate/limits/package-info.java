/**
 * Per-sub-account and per-key request-rate and bandwidth limits: token buckets held in this
 * replica, answered with COS's 503 SlowDown.
 */
package io.camgate.limits;
