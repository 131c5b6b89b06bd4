package io.camgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The leak check the hostile suites rely on finds a leak when there is one. */
class NoBufferLeaksTest {
    private static ResourceLeakDetector.Level before;

    @BeforeAll
    static void paranoid() {
        before = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterAll
    static void restore() {
        ResourceLeakDetector.setLevel(before);
    }

    @Test
    void aBufferNeverReleasedIsReportedWithItsLastTouch() {
        NoBufferLeaks.leaks();
        ByteBufAllocator.DEFAULT.buffer(16).writeInt(1).touch("lost by NoBufferLeaksTest");
        assertThat(NoBufferLeaks.leaks()).singleElement().asString().contains("lost by NoBufferLeaksTest");
        assertThat(NoBufferLeaks.leaks()).isEmpty();
    }

    @Test
    void releasedBuffersAreNotReported() {
        NoBufferLeaks.leaks();
        for (int i = 0; i < 100; i++) {
            ByteBufAllocator.DEFAULT.buffer(16).release();
        }
        assertThat(NoBufferLeaks.leaks()).isEmpty();
    }
}
