package io.camgate.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.Need;
import io.camgate.authz.Snapshot;
import io.camgate.config.ConfigLoader;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.ResourceName;
import io.camgate.testing.ExampleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDiffTest {
    private static final String BUCKET = "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/";
    private static final Principal DAVE = new Principal.SubUser("100000000014", "100000000001");
    private static final Principal ALICE = new Principal.SubUser("100000000011", "100000000001");

    /** The example with dave's deny moved from secret/ to private/. */
    static Path denyMovedToPrivate(Path into) throws IOException {
        ExampleConfig.copyTo(into);
        Path deny = into.resolve("policies/deny-secret.json");
        Files.writeString(deny, Files.readString(deny).replace("/secret/*", "/private/*"));
        return into;
    }

    private static Snapshot load(Path dir) throws Exception {
        return ConfigLoader.withSystemEnvironment().load(dir, 1);
    }

    private static Probe probe(Principal who, String action, String key) {
        return new Probe(who, new Need(action, ResourceName.parse(BUCKET + key)),
                ConditionContext.builder().add("qcs:ip", "10.1.2.3").add("cos:secure-transport", "true").build());
    }

    @Test
    void movingADenyChangesExactlyTheRequestsItCoveredAndNowCovers(@TempDir Path dir) throws Exception {
        Snapshot from = load(Path.of("config"));
        Snapshot to = load(denyMovedToPrivate(dir));
        List<Probe> probes = List.of(
                probe(DAVE, "name/cos:GetObject", "secret/plan.txt"),
                probe(DAVE, "name/cos:PutObject", "private/notes.txt"),
                probe(DAVE, "name/cos:GetObject", "public/logo.png"),
                probe(DAVE, "name/cos:PutBucketACL", "secret/plan.txt"),
                probe(ALICE, "name/cos:GetObject", "secret/plan.txt"),
                probe(ALICE, "name/cos:GetObject", "private/notes.txt"));
        List<DecisionChange> changes = new PolicyDiff(from, to).changes(probes);
        assertThat(changes).extracting(DecisionChange::probe).containsExactly(probes.get(0), probes.get(1));
        assertThat(changes.get(0).from()).isEqualTo(new DecisionChange.Answer(false, "explicit_deny"));
        assertThat(changes.get(0).to()).isEqualTo(new DecisionChange.Answer(true, "allowed"));
        assertThat(changes.get(0).opens()).isTrue();
        assertThat(changes.get(1).from()).isEqualTo(new DecisionChange.Answer(true, "allowed"));
        assertThat(changes.get(1).to()).isEqualTo(new DecisionChange.Answer(false, "explicit_deny"));
        assertThat(changes.get(1).closes()).isTrue();
        DiffReport report = new DiffReport(probes.size(), changes);
        assertThat(report.grouped()).containsOnlyKeys("100000000014");
        assertThat(report.grouped().get("100000000014")).containsOnlyKeys("cos:getobject", "cos:putobject");
        assertThat(report.opened()).isEqualTo(1);
        assertThat(report.closed()).isEqualTo(1);
    }

    @Test
    void theGeneratedMixFindsChangesOnlyWhereTheEditReaches(@TempDir Path dir) throws Exception {
        Snapshot from = load(Path.of("config"));
        Snapshot to = load(denyMovedToPrivate(dir));
        List<Probe> probes = PolicyDiff.unionOfMixes(from, to, 4);
        List<DecisionChange> changes = new PolicyDiff(from, to).changes(probes);
        assertThat(changes).isNotEmpty().allSatisfy(c -> {
            assertThat(c.probe().caller()).isEqualTo("100000000014");
            assertThat(c.probe().need().resource().text()).containsAnyOf("/secret/", "/private/");
        });
        assertThat(changes).anySatisfy(c -> assertThat(c.opens()).isTrue());
        assertThat(changes).anySatisfy(c -> assertThat(c.closes()).isTrue());
        assertThat(new PolicyDiff(from, from).changes(probes)).isEmpty();
    }

    @Test
    void aCallerOnlyOneSetKnowsIsAnUnknownCallerInTheOther(@TempDir Path dir) throws Exception {
        ExampleConfig.copyTo(dir);
        Path accounts = dir.resolve("accounts.yaml");
        String yaml = Files.readString(accounts);
        int from = yaml.indexOf("      - uin: \"100000000015\"");
        int to = yaml.indexOf("\n    groups:") + 1;
        Files.writeString(accounts, yaml.substring(0, from) + yaml.substring(to));
        Snapshot a = load(Path.of("config"));
        Snapshot b = load(dir);
        Principal erin = new Principal.SubUser("100000000015", "100000000001");
        Probe p = probe(erin, "name/cos:GetObject", "a.txt");
        assertThat(new PolicyDiff(a, b).changes(List.of(p))).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo(new DecisionChange.Answer(true, "allowed"));
            assertThat(c.to()).isEqualTo(DecisionChange.Answer.UNKNOWN_CALLER);
        });
    }
}
