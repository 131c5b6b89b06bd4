package io.camgate.policy;

import java.util.List;

/**
 * A parsed and validated CAM policy document ({@code version} 2.0).
 *
 * @param name       the policy name (file name without {@code .json}, a preset name, or for a
 *                   bucket policy the bucket's name)
 * @param kind       user or bucket policy
 * @param statements the statements, in document order
 */
public record PolicyDocument(String name, PolicyKind kind, List<Statement> statements) {
}
