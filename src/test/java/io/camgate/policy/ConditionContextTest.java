package io.camgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionContextTest {
    @Test
    void keysCompareCaseInsensitivelyAndValuesAppendInOrder() {
        ConditionContext c = ConditionContext.builder()
                .add("qcs:ip", "10.0.0.1")
                .add("COS:X-Cos-Acl", "private")
                .add("qcs:request_tag", "a&1")
                .add("Qcs:Request_Tag", "b&2")
                .build();

        assertThat(c.get("QCS:IP")).containsExactly("10.0.0.1");
        assertThat(c.get("cos:x-cos-acl")).containsExactly("private");
        assertThat(c.get("qcs:request_tag")).containsExactly("a&1", "b&2");
        assertThat(c.get("cos:prefix")).isEmpty();
        assertThat(c.asMap()).containsExactly(
                Map.entry("qcs:ip", List.of("10.0.0.1")),
                Map.entry("cos:x-cos-acl", List.of("private")),
                Map.entry("qcs:request_tag", List.of("a&1", "b&2")));
    }

    @Test
    void aKeyDeclaredWithNoValuesIsMissingButListed() {
        ConditionContext c = ConditionContext.builder().addAll("cos:prefix", List.of()).add("qcs:ip", "::1").build();

        assertThat(c.get("cos:prefix")).isEmpty();
        assertThat(c.asMap()).containsOnlyKeys("cos:prefix", "qcs:ip");
    }

    @Test
    void holdsMoreKeysThanItsFirstArraysAndNeverChangesOnceBuilt() {
        ConditionContext.Builder b = ConditionContext.builder();
        for (int i = 0; i < 20; i++) {
            b.add("k" + i, "v" + i);
        }
        b.addAll("k3", List.of("w3", "x3"));
        ConditionContext c = b.build();
        b.add("k0", "later");

        assertThat(c.asMap()).hasSize(20);
        assertThat(c.get("K19")).containsExactly("v19");
        assertThat(c.get("k3")).containsExactly("v3", "w3", "x3");
        assertThat(c.get("k0")).containsExactly("v0");
        assertThatThrownBy(() -> c.get("k0").add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.asMap().put("k", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theEmptyContextHasNoKeys() {
        assertThat(ConditionContext.EMPTY.get("qcs:ip")).isEmpty();
        assertThat(ConditionContext.EMPTY.asMap()).isEmpty();
    }
}
