/**
 * The CAM policy language: documents, statements, action and resource patterns, principals,
 * condition operators, the built-in presets, and the parser that turns JSON into these types
 * while reporting every problem with its file, JSON pointer and reason.
 *
 * <p>Nothing here knows about accounts or requests; matching takes plain strings and a
 * {@link io.camgate.policy.ConditionContext}.
 */
package io.camgate.policy;
