package io.camgate.cos;

/**
 * One query parameter after percent-decoding, in the order it came. A parameter written
 * without {@code =} ({@code ?acl}) has the value {@code ""}, as COS signing treats it.
 *
 * @param name  the decoded name, case kept
 * @param value the decoded value, {@code ""} when absent
 */
public record QueryParam(String name, String value) {
}
