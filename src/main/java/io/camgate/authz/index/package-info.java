/**
 * The compiled policy index: the production {@link io.camgate.authz.PolicyEngine}, proven
 * equal to the {@link io.camgate.authz.ReferenceEvaluator} by differential tests.
 *
 * <p>Per sub-user (compiled on first use, cached per snapshot) and per bucket policy
 * (compiled per principal it names), statements are indexed by action, through a hash of
 * literal actions and a short list of wildcard patterns resolved against the known COS/CI
 * action table, and then by resource, through a
 * prefix trie on each pattern's literal prefix. Policy variables are substituted when the
 * caller is known at compile time. Both engines share {@link io.camgate.authz.DecisionProcedure}.
 *
 * <p>{@link io.camgate.authz.index.SnapshotHolder} publishes snapshots atomically, and
 * {@link io.camgate.authz.index.Engines} gives the engine for a snapshot.
 */
package io.camgate.authz.index;
