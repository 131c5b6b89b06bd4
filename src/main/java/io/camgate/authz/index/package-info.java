/**
 * The compiled policy index: the production {@link io.camgate.authz.PolicyEngine}, proven
 * equal to the {@link io.camgate.authz.ReferenceEvaluator} by differential tests.
 *
 * <p>Per caller (compiled on first use, cached per snapshot) one flat rule set holds every
 * statement that can speak for it, in every role: its attached policies and the bucket
 * statements naming it, its groups or its root, with policy variables substituted. Statements
 * are found by the action's number in the COS/CI action table (wildcard patterns resolved
 * against the table at compile time) and then by the literal prefix of their resource patterns,
 * in a packed list or, for many statements, a prefix trie. Statements for everyone are compiled
 * per bucket. Both engines share {@link io.camgate.authz.DecisionProcedure}.
 *
 * <p>{@link io.camgate.authz.index.SnapshotHolder} publishes snapshots atomically, and
 * {@link io.camgate.authz.index.Engines} gives the engine for a snapshot.
 */
package io.camgate.authz.index;
