package io.camgate.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FoldedKeysTest {
    @ParameterizedTest
    @ValueSource(strings = {"a//b", "/a", "//", "a//", "a/./b", "./a", "a/.", "a/../b", "../a", "a/..", ".", "..",
        "a/b//c/d"})
    void aKeyAStoreOfFilesReadsAsAnotherIsFolded(String key) {
        assertThat(FoldedKeys.folds(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a/", "photos/2026/", "a/b.txt", ".hidden", "a/.hidden", "a/..b", "a/b..",
        "...", "a/.../b", "%2E%2E", "..;", "a\\..\\b", "a%2F%2Fb"})
    void otherKeysAreKeysLikeAnyOther(String key) {
        assertThat(FoldedKeys.folds(key)).isFalse();
    }
}
