package io.camgate.authz.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.authz.PolicySet;
import io.camgate.authz.ReferenceEvaluator;
import io.camgate.authz.Snapshot;
import io.camgate.identity.Directory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotHolderTest {
    private static Snapshot snapshot(long generation) {
        return new Snapshot(generation, "test", Directory.empty(), new PolicySet(Map.of(), Map.of()));
    }

    @Test
    void aRequestKeepsTheSnapshotItStartedWithWhileANewerOneIsPublished() {
        SnapshotHolder holder = new SnapshotHolder(snapshot(1));
        Published started = holder.current();

        Published next = holder.publish(snapshot(2));

        assertThat(started.generation()).isEqualTo(1);
        assertThat(holder.current()).isSameAs(next);
        assertThat(holder.generation()).isEqualTo(2);
        assertThat(((IndexedEngine) next.engine()).snapshot()).isSameAs(next.snapshot());
    }

    @Test
    void aSnapshotThatIsNotNewerIsRefusedAndTheCurrentOneStays() {
        SnapshotHolder holder = new SnapshotHolder(snapshot(5));
        Published current = holder.current();

        assertThatThrownBy(() -> holder.publish(snapshot(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> holder.publish(snapshot(4))).isInstanceOf(IllegalArgumentException.class);
        assertThat(holder.current()).isSameAs(current);
    }

    @Test
    void theEngineKindChoosesTheIndexOrTheReference() {
        assertThat(new SnapshotHolder(snapshot(1)).current().engine()).isInstanceOf(IndexedEngine.class);
        assertThat(new SnapshotHolder(snapshot(1), EngineKind.REFERENCE).current().engine())
                .isInstanceOf(ReferenceEvaluator.class);
        assertThat(EngineKind.parse(" Reference")).contains(EngineKind.REFERENCE);
        assertThat(EngineKind.parse("index")).contains(EngineKind.INDEX);
        assertThat(EngineKind.parse("scan")).isEmpty();
    }
}
