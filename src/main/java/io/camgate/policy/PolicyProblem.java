package io.camgate.policy;

/**
 * One thing wrong with a document: where ({@code file} and RFC 6901 JSON {@code pointer}) and why.
 *
 * @param file    the file (or other source name) the document came from
 * @param pointer JSON pointer to the offending element; empty for the whole document
 * @param reason  what is wrong, in words a policy author can act on
 */
public record PolicyProblem(String file, String pointer, String reason) {
    /** Escapes one reference token of a JSON pointer (RFC 6901): {@code ~} and {@code /}. */
    public static String pointerToken(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    @Override
    public String toString() {
        return file + (pointer.isEmpty() ? "" : " at " + pointer) + ": " + reason;
    }
}
