package io.camgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The star matcher must not backtrack: a pattern built to make a backtracking matcher explode still answers. */
class GlobBacktrackingTest {
    @Test
    void manyStarsAgainstALongRunOfTheSameCharacterDoNotMatch() {
        String text = "a".repeat(10_000);

        assertThat(Glob.matches("*a*a*a*a*a*b", text)).isFalse();
        assertThat(Glob.matches("*a*a*a*a*a*a", text)).isTrue();
    }
}
