package io.camgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

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

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars('a', 'b', '/', '*').ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars('a', 'b', '/').ofMaxLength(10);
    }

    @Property(tries = 3000)
    void agreesWithTheRecursiveReferenceMatcher(@ForAll("patterns") String pattern, @ForAll("texts") String text) {
        assertThat(Glob.matches(pattern, text)).isEqualTo(reference(pattern, 0, text, 0));
    }

    @Property(tries = 1000)
    void aSuffixCheckFromAnOffsetAgreesWithTheReferenceMatcher(@ForAll("patterns") String pattern,
            @ForAll("texts") String text) {
        String prefixedPattern = "ab" + pattern;
        String prefixedText = "ab" + text;
        assertThat(Glob.matches(prefixedPattern, 2, prefixedText, 2)).isEqualTo(reference(pattern, 0, text, 0));
    }

    @Property(tries = 1000)
    void aTextAlwaysMatchesItselfAndTheStar(@ForAll("texts") String text) {
        assertThat(Glob.matches(text, text)).isTrue();
        assertThat(Glob.matches("*", text)).isTrue();
    }

    @Example
    void manyStarsAgainstTenThousandAsWithoutTheFinalBIsNoMatch() {
        String tenThousandAs = "a".repeat(10_000);
        assertThat(Glob.matches("*a*a*a*a*a*b", tenThousandAs)).isFalse();
        assertThat(Glob.matches("*a*a*a*a*a*b", tenThousandAs + "b")).isTrue();
    }

    @Example
    void starCrossesSlashesAndMatchesTheEmptyRun() {
        assertThat(Glob.matches("bucket-1250000001/*", "bucket-1250000001/")).isTrue();
        assertThat(Glob.matches("bucket-1250000001/*", "bucket-1250000001/a/b/c.txt")).isTrue();
        assertThat(Glob.matches("bucket-1250000001/*", "bucket-1250000001")).isFalse();
        assertThat(Glob.matches("a*c", "ac")).isTrue();
    }

    @Example
    void onlyTheStarIsSpecial() {
        assertThat(Glob.matches("a?c", "abc")).isFalse();
        assertThat(Glob.matches("a.c", "abc")).isFalse();
        assertThat(Glob.matches("a[b]c", "abc")).isFalse();
        assertThat(Glob.matches("a?c", "a?c")).isTrue();
    }

    @Example
    void matchingIsCaseSensitive() {
        assertThat(Glob.matches("Photos/*", "photos/a")).isFalse();
    }

    @Example
    void isWildcardOnlyForPatternsWithAStar() {
        assertThat(Glob.isWildcard("a*")).isTrue();
        assertThat(Glob.isWildcard("a?")).isFalse();
    }
}
