package io.camgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camgate.authz.Need;
import io.camgate.authz.Snapshot;
import io.camgate.authz.index.IndexedEngine;
import io.camgate.identity.KeyStatus;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import io.camgate.policy.ResourceName;
import io.camgate.testing.ExampleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of("CAMGATE_TEST_SECRET", "fromEnvironment")::get);

    @BeforeEach
    void copyExample() throws IOException {
        ExampleConfig.copyTo(dir);
    }

    private void write(String relative, String text) throws IOException {
        Files.writeString(dir.resolve(relative), text);
    }

    private void replaceInAccounts(String from, String to) throws IOException {
        String yaml = Files.readString(dir.resolve("accounts.yaml"));
        assertThat(yaml).contains(from);
        write("accounts.yaml", yaml.replace(from, to));
    }

    private List<PolicyProblem> problems() {
        return catchThrowableOfType(PolicyException.class, () -> loader.load(dir, 1)).problems();
    }

    @Test
    void exampleConfigurationLoads() throws Exception {
        Snapshot s = loader.load(dir, 7);
        assertThat(s.generation()).isEqualTo(7);
        assertThat(s.directory().accounts()).hasSize(2);
        assertThat(s.directory().principal("100000000011"))
                .contains(new Principal.SubUser("100000000011", "100000000001"));
        assertThat(s.directory().principal("100000000002")).contains(new Principal.Root("100000000002"));
        assertThat(s.directory().key("AKIDexampleALICE000000000000000011").orElseThrow().secretKey())
                .isEqualTo("demoAliceSecretKey0000000000011");
        assertThat(s.directory().key("AKIDexampleCAROLOLD000000000000013").orElseThrow().status())
                .isEqualTo(KeyStatus.INACTIVE);
        assertThat(s.policies().customPolicies()).containsKeys("media-jobs", "cos-read-write", "deny-secret");
        assertThat(s.policies().bucketPolicy("examplebucket-1250000001")).isPresent();
        assertThat(s.directory().featureSet("permid/280649").orElseThrow()).hasSize(2);
    }

    @Test
    void bobMaySubmitCiJobsInTheExample() throws Exception {
        IndexedEngine engine = new IndexedEngine(loader.load(dir, 1));
        Principal bob = new Principal.SubUser("100000000012", "100000000001");
        Need job = new Need("ci:CreateMediaJobs",
                ResourceName.parse("qcs::ci:ap-shanghai:uid/1250000001:bucket/examplebucket-1250000001/in.mp4"));
        Need passRole = new Need("cam:PassRole",
                ResourceName.parse("qcs::cam::uin/100000000001:roleName/CI_QCSRole"));

        assertThat(engine.decide(bob, job, ConditionContext.EMPTY).allowed()).isTrue();
        assertThat(engine.decide(bob, passRole, ConditionContext.EMPTY).allowed()).isTrue();
        assertThat(engine.decide(new Principal.SubUser("100000000013", "100000000001"), passRole,
                ConditionContext.EMPTY).allowed()).as("carol, read-only").isFalse();
    }

    @Test
    void secretFromEnvironment() throws Exception {
        replaceInAccounts("secretKey: \"demoBobSecretKey000000000000012\"", "secretKeyEnv: CAMGATE_TEST_SECRET");
        assertThat(loader.load(dir, 1).directory().key("AKIDexampleBOB00000000000000000012").orElseThrow()
                .secretKey()).isEqualTo("fromEnvironment");
    }

    @Test
    void unsetEnvironmentVariableIsReported() throws Exception {
        replaceInAccounts("secretKey: \"demoBobSecretKey000000000000012\"", "secretKeyEnv: NOT_SET_ANYWHERE");
        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/accounts/0/users/1/keys/0/secretKeyEnv");
            assertThat(p.reason()).contains("NOT_SET_ANYWHERE").contains("not set");
        });
    }

    @Test
    void everyDirectoryProblemIsReportedAtOnce() throws Exception {
        replaceInAccounts("policies: [QcloudCOSReadOnlyAccess]", "policies: [QcloudCOSReadOnlyAcess]");
        replaceInAccounts("uin: \"100000000014\"", "uin: \"100000000013\"");
        replaceInAccounts("AKIDexampleERIN00000000000000000015", "AKIDexampleBOB00000000000000000012");
        replaceInAccounts("groups: [\"13\"]", "groups: [\"13\", \"99\"]");
        replaceInAccounts("name: partnerbucket-1250000002", "name: partnerbucket-1250000001");
        List<PolicyProblem> problems = problems();
        assertThat(problems).extracting(PolicyProblem::pointer).containsExactlyInAnyOrder(
                "/accounts/0/users/2/policies/0",
                "/accounts/0/users/3/uin",
                "/accounts/0/users/4/keys/0/secretId",
                "/accounts/0/users/0/groups/1",
                "/accounts/1/buckets/0/name");
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).endsWith("accounts.yaml"));
        assertThat(problems).extracting(PolicyProblem::reason).anySatisfy(r -> assertThat(r)
                .contains("QcloudCOSReadOnlyAcess").contains("neither a preset"));
        assertThat(problems).extracting(PolicyProblem::reason).anySatisfy(r -> assertThat(r)
                .contains("APPID 1250000001").contains("1250000002"));
    }

    @Test
    void badPolicyFileIsReportedWithPointerAndOnlyThere() throws Exception {
        write("policies/deny-secret.json", """
                {"version": "2.0", "statement": [{"effect": "forbid", "action": "cos:GetObject", "resource": "*"}]}
                """);
        List<PolicyProblem> problems = problems();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).endsWith("policies/deny-secret.json");
            assertThat(p.pointer()).isEqualTo("/statement/0/effect");
        });
        // dave attaches it: the file's own problem is the one to fix, not a second one per user
        assertThat(problems).noneSatisfy(p -> assertThat(p.pointer()).isEqualTo("/accounts/0/users/3/policies/1"));
        assertThat(problems).hasSize(1);
    }

    @Test
    void anUnreadableAccountsFileIsOneProblemNotOnePerPolicyThatNeedsIt() throws Exception {
        write("accounts.yaml", "accounts: [");
        List<PolicyProblem> problems = problems();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("accounts.yaml");
            assertThat(p.reason()).startsWith("not valid YAML");
        });
    }

    @Test
    void undefinedFeatureSetIsReportedWhereItIsUsed() throws Exception {
        replaceInAccounts("permid/280649:", "permid/111111:");
        assertThat(problems()).anySatisfy(p -> {
            assertThat(p.file()).endsWith("office-network-only.json");
            assertThat(p.pointer()).isEqualTo("/statement/0/action/0");
            assertThat(p.reason()).contains("permid/280649");
        });
    }

    @Test
    void bucketPolicyNobodyNamesIsReported() throws Exception {
        Files.copy(dir.resolve("bucket-policies/examplebucket-1250000001.json"),
                dir.resolve("bucket-policies/orphan.json"));
        assertThat(problems()).singleElement()
                .satisfies(p -> assertThat(p.file()).endsWith("bucket-policies/orphan.json"));
    }

    @Test
    void policyFileMayNotShadowAPreset() throws Exception {
        Files.copy(dir.resolve("policies/deny-secret.json"), dir.resolve("policies/QcloudCOSFullAccess.json"));
        assertThat(problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("built-in preset"));
    }

    @Test
    void unknownFieldsAndMissingFilesAreReported() throws Exception {
        replaceInAccounts("featureSets:", "featureSet:");
        assertThat(problems()).anySatisfy(p -> assertThat(p.reason()).contains("unknown field \"featureSet\""));
        Files.delete(dir.resolve("accounts.yaml"));
        assertThat(problems()).anySatisfy(p -> assertThat(p.reason()).contains("missing"));
    }

    @Test
    void secretsNeverAppearInProblems() throws Exception {
        replaceInAccounts("status: inactive", "status: sleeping");
        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/accounts/0/users/2/keys/1/status");
            assertThat(p.toString()).doesNotContain("demoCarolOldSecretKey");
        });
    }
}
