/**
 * Policy lint: findings about a loaded configuration that are legal but almost certainly not
 * what the author meant (statements that can never match, allows a deny always overrides,
 * query-derived condition values written unencoded, bucket wildcards that reach other buckets,
 * documents near their size limit), each with the file, the JSON pointer, the reason and, where
 * there is one, a suggestion. Sits above {@code config} and {@code cos} (it reads the loaded
 * snapshot and the operation table) and below {@code cli}.
 */
package io.camgate.lint;
