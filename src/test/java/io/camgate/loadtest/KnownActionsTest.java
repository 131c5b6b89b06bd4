package io.camgate.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.policy.ActionPattern;
import org.junit.jupiter.api.Test;

class KnownActionsTest {
    private final KnownActions known = KnownActions.get();

    @Test
    void anActionThatSomeRowAppliesToObjectsActsOnObjects() {
        // DeleteObject is also what the multi-delete on the bucket needs, per key
        assertThat(known.target("cos:DeleteObject")).isEqualTo(KnownActions.Target.OBJECT);
        assertThat(known.target("cos:GetObject")).isEqualTo(KnownActions.Target.OBJECT);
        assertThat(known.target("cos:GetBucket")).isEqualTo(KnownActions.Target.BUCKET);
        assertThat(known.target("cos:GetService")).isEqualTo(KnownActions.Target.NOTHING);
    }

    @Test
    void aPatternCoversTheKnownActionsItsGlobMatches() {
        assertThat(known.covered(ActionPattern.parse("name/cos:Get*")))
                .contains("cos:GetObject", "cos:GetBucket", "cos:GetService").doesNotContain("cos:PutObject");
        assertThat(known.covered(ActionPattern.parse("cos:GetObject"))).containsExactly("cos:GetObject");
        assertThat(known.covered(ActionPattern.parse("cos:NoSuchThing"))).isEmpty();
        assertThat(known.covered(ActionPattern.parse("*"))).hasSameSizeAs(known.all());
    }
}
