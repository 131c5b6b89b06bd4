package io.camgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PresetsTest {

    static Iterable<String> presetNames() {
        return Presets.names();
    }

    @Test
    void thereAreElevenPresets() {
        assertThat(Presets.names()).containsExactlyInAnyOrder(
                "QcloudCOSFullAccess", "QcloudCOSReadOnlyAccess", "QcloudCOSDataFullControl",
                "QcloudCOSDataReadOnly", "QcloudCOSDataWriteOnly", "QcloudCOSBucketConfigRead",
                "QcloudCOSBucketConfigWrite", "QcloudCOSListOnly", "QcloudCOSGetServiceAccess",
                "QcloudCIFullAccess", "QcloudCIReadOnlyAccess");
    }

    @ParameterizedTest
    @MethodSource("presetNames")
    void eachParsesAsAUserPolicyOfAllowsOnEverything(String name) {
        PolicyDocument doc = Presets.document(name, "100001");
        assertThat(doc.name()).isEqualTo(name);
        assertThat(doc.kind()).isEqualTo(PolicyKind.USER);
        assertThat(doc.statements()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.effect()).isEqualTo(Effect.ALLOW);
            assertThat(s.resources()).extracting(ResourcePattern::isAny).containsOnly(true);
            assertThat(s.conditions()).isEmpty();
            assertThat(s.principals()).isEmpty();
        });
        assertThat(Presets.isPreset(name)).isTrue();
        assertThat(Presets.basis(name)).isPresent();
    }

    @Test
    void documentedPresetsAreMarkedSo() {
        assertThat(Presets.basis("QcloudCOSDataFullControl")).contains(Presets.Basis.DOCUMENTED);
        assertThat(Presets.basis("QcloudCOSReadOnlyAccess")).contains(Presets.Basis.EQUIVALENT);
        assertThat(Presets.basis("QcloudCIFullAccess")).contains(Presets.Basis.INFERRED);
    }

    @Test
    void anUnknownNameIsNoPreset() {
        assertThat(Presets.isPreset("QcloudCOSEverything")).isFalse();
        assertThat(Presets.isPreset("qcloudcosfullaccess")).isFalse();
        assertThat(Presets.basis("QcloudCOSEverything")).isEmpty();
        assertThatThrownBy(() -> Presets.document("QcloudCOSEverything", "100001"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
