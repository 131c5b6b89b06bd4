package io.camgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.testing.Trials;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GlobTest {

    /** The obviously right matcher: a star eats nothing, or one character and stays. */
    private static boolean reference(String pattern, int p, String text, int t) {
        if (p == pattern.length()) {
            return t == text.length();
        }
        if (pattern.charAt(p) == '*') {
            return reference(pattern, p + 1, text, t) || (t < text.length() && reference(pattern, p, text, t + 1));
        }
        return t < text.length() && pattern.charAt(p) == text.charAt(t) && reference(pattern, p + 1, text, t + 1);
    }

    private static String pattern(Random random) {
        return Trials.string(random, "ab/*", 8);
    }

    private static String text(Random random) {
        return Trials.string(random, "ab/", 10);
    }

    @Test
    void agreesWithTheRecursiveReferenceMatcher() {
        Trials.run(3000, random -> {
            String pattern = pattern(random);
            String text = text(random);
            assertThat(Glob.matches(pattern, text)).as("%s against %s", pattern, text)
                    .isEqualTo(reference(pattern, 0, text, 0));
        });
    }

    @Test
    void aSuffixCheckFromAnOffsetAgreesWithTheReferenceMatcher() {
        Trials.run(1000, random -> {
            String pattern = pattern(random);
            String text = text(random);
            assertThat(Glob.matches("ab" + pattern, 2, "ab" + text, 2)).as("%s against %s", pattern, text)
                    .isEqualTo(reference(pattern, 0, text, 0));
        });
    }

    @Test
    void aTextAlwaysMatchesItselfAndTheStar() {
        Trials.run(1000, random -> {
            String text = text(random);
            assertThat(Glob.matches(text, text)).as(text).isTrue();
            assertThat(Glob.matches("*", text)).as(text).isTrue();
        });
    }

    @Test
    void manyStarsAgainstTenThousandAsWithoutTheFinalBIsNoMatch() {
        String tenThousandAs = "a".repeat(10_000);
        assertThat(Glob.matches("*a*a*a*a*a*b", tenThousandAs)).isFalse();
        assertThat(Glob.matches("*a*a*a*a*a*b", tenThousandAs + "b")).isTrue();
    }

    @Test
    void starCrossesSlashesAndMatchesTheEmptyRun() {
        assertThat(Glob.matches("bucket-1250000001/*", "bucket-1250000001/")).isTrue();
        assertThat(Glob.matches("bucket-1250000001/*", "bucket-1250000001/a/b/c.txt")).isTrue();
        assertThat(Glob.matches("bucket-1250000001/*", "bucket-1250000001")).isFalse();
        assertThat(Glob.matches("a*c", "ac")).isTrue();
    }

    @Test
    void onlyTheStarIsSpecial() {
        assertThat(Glob.matches("a?c", "abc")).isFalse();
        assertThat(Glob.matches("a.c", "abc")).isFalse();
        assertThat(Glob.matches("a[b]c", "abc")).isFalse();
        assertThat(Glob.matches("a?c", "a?c")).isTrue();
    }

    @Test
    void matchingIsCaseSensitive() {
        assertThat(Glob.matches("Photos/*", "photos/a")).isFalse();
    }

    @Test
    void isWildcardOnlyForPatternsWithAStar() {
        assertThat(Glob.isWildcard("a*")).isTrue();
        assertThat(Glob.isWildcard("a?")).isFalse();
    }
}
