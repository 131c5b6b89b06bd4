/**
 * Decisions: the immutable {@link io.camgate.authz.Snapshot} of directory and policies, the
 * {@link io.camgate.authz.PolicyEngine} contract, and the {@link io.camgate.authz.ReferenceEvaluator},
 * a plain scan over every statement written for obvious correctness that serves as the oracle
 * for faster engines. DESIGN §3 is the specification both implement.
 */
package io.camgate.authz;
