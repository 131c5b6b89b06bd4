package io.camgate.loadtest;

import io.camgate.identity.Bucket;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.Statement;

/**
 * A statement that can decide some request of one caller, with what it needs to be read.
 *
 * @param statement the statement
 * @param vars      the policy variables for that caller and the policy's owner
 * @param bucket    the bucket whose policy holds the statement, or null for an attached policy
 */
record SpeakingStatement(Statement statement, PolicyVariables vars, Bucket bucket) {
}
