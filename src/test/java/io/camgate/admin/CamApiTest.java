package io.camgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.authz.Need;
import io.camgate.authz.index.EngineKind;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ConfigReloader;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.ResourceName;
import io.camgate.testing.ExampleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CamApiTest {
    private static final String ROOT_ID = "AKIDexampleROOT0000000000000000001";
    private static final String ROOT_KEY = "demoRootSecretKey00000000000001";
    private static final String BOB_ID = "AKIDexampleBOB00000000000000000012";
    private static final String BOB_KEY = "demoBobSecretKey000000000000012";
    private static final String CAROL_ID = "AKIDexampleCAROL000000000000000013";
    private static final String CAROL_KEY = "demoCarolSecretKey0000000000013";
    private static final String ERIN = "100000000015";
    private static final String READ_REPORTS = """
            {"version": "2.0", "statement": [{"effect": "allow", "action": ["name/cos:GetObject"],
              "resource": ["qcs::cos::uid/1250000001:examplebucket-1250000001/reports/*"]}]}""";
    private static final Need REPORT = new Need("name/cos:GetObject", ResourceName.parse(
            "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/reports/q3.pdf"));

    @TempDir
    Path tmp;
    private Path dir;
    private RunningAdmin admin;

    @BeforeEach
    void start() throws Exception {
        dir = ExampleConfig.copyTo(tmp.resolve("config"));
        // bob may manage policies, and nothing else in CAM
        Files.writeString(dir.resolve("policies/cam-policy-admin.json"), """
                {"version": "2.0", "statement": [{"effect": "allow",
                  "action": ["name/cam:CreatePolicy", "name/cam:GetPolicy", "name/cam:ListPolicies",
                             "name/cam:UpdatePolicy", "name/cam:DeletePolicy"],
                  "resource": ["qcs::cam::uin/100000000001:policyid/*"]}]}""");
        String yaml = Files.readString(dir.resolve("accounts.yaml"));
        String bobsPolicies = "policies: [QcloudCIFullAccess, ci-pass-role, cos-read-write]";
        assertThat(yaml).contains(bobsPolicies);
        Files.writeString(dir.resolve("accounts.yaml"), yaml.replace(bobsPolicies,
                "policies: [QcloudCIFullAccess, ci-pass-role, cos-read-write, cam-policy-admin]"));
        admin = new RunningAdmin(dir);
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    private JsonNode root(String action, String params) throws Exception {
        return admin.client.cam(ROOT_ID, ROOT_KEY, action, params);
    }

    private boolean erinReadsReports(ConfigReloader r) {
        return r.current().engine().decide(new Principal.SubUser(ERIN, "100000000001"), REPORT,
                ConditionContext.EMPTY).allowed();
    }

    private long createReadReports() throws Exception {
        JsonNode created = root("CreatePolicy", AdminClient.JSON.createObjectNode().put("PolicyName", "read-reports")
                .put("PolicyDocument", READ_REPORTS).put("Description", "reports for auditors").toString());
        assertThat(created.has("Error")).as("%s", created).isFalse();
        assertThat(created.path("RequestId").asText()).isNotEmpty();
        return created.path("PolicyId").asLong();
    }

    @Test
    void createAttachAndPersistAcrossARestart() throws Exception {
        assertThat(erinReadsReports(admin.reloader)).isFalse();
        long generation = admin.reloader.current().generation();
        long id = createReadReports();
        assertThat(Files.readString(dir.resolve("policies/read-reports.json"))).contains("reports/*");
        assertThat(admin.reloader.current().generation()).isGreaterThan(generation);

        JsonNode got = root("GetPolicy", "{\"PolicyId\": " + id + "}");
        assertThat(got.path("PolicyName").asText()).isEqualTo("read-reports");
        assertThat(got.path("Description").asText()).isEqualTo("reports for auditors");
        assertThat(Files.readString(dir.resolve("policy-descriptions.yaml"))).contains("read-reports");
        assertThat(AdminClient.JSON.readTree(got.path("PolicyDocument").asText()).path("statement").get(0)
                .path("action").get(0).asText()).isEqualTo("name/cos:GetObject");
        assertThat(root("UpdatePolicy", "{\"PolicyId\": " + id + ", \"Description\": \"for the auditors\"}")
                .has("Error")).isFalse();
        assertThat(root("GetPolicy", "{\"PolicyId\": " + id + "}").path("Description").asText())
                .isEqualTo("for the auditors");
        root("UpdatePolicy", "{\"PolicyId\": " + id + ", \"Description\": \"reports for auditors\"}");
        JsonNode listed = root("ListPolicies", "{\"Scope\": \"Local\", \"Keyword\": \"reports\"}");
        assertThat(listed.path("TotalNum").asInt()).isEqualTo(1);
        assertThat(listed.path("List").get(0).path("PolicyId").asLong()).isEqualTo(id);
        assertThat(listed.path("List").get(0).path("Description").asText()).isEqualTo("reports for auditors");

        JsonNode attached = root("AttachUserPolicy", "{\"PolicyId\": " + id + ", \"AttachUin\": \"" + ERIN + "\"}");
        assertThat(attached.has("Error")).as("%s", attached).isFalse();
        assertThat(erinReadsReports(admin.reloader)).isTrue();
        JsonNode carols = root("ListAttachedUserPolicies", "{\"TargetUin\": \"" + ERIN + "\"}");
        assertThat(carols.path("List").findValuesAsText("PolicyName")).contains("read-reports",
                "office-network-only");

        // a restart reads the same directory: the new policy and the attachment are there
        try (ConfigReloader restarted = ConfigReloader.open(dir, new ConfigLoader(Map.<String, String>of()::get),
                EngineKind.INDEX, "restart")) {
            assertThat(restarted.current().snapshot().policies().customPolicies()).containsKey("read-reports");
            assertThat(erinReadsReports(restarted)).isTrue();
        }

        assertThat(root("DetachUserPolicy", "{\"PolicyId\": " + id + ", \"DetachUin\": \"" + ERIN + "\"}")
                .has("Error")).isFalse();
        assertThat(erinReadsReports(admin.reloader)).isFalse();
        assertThat(root("DeletePolicy", "{\"PolicyId\": [" + id + "]}").has("Error")).isFalse();
        assertThat(dir.resolve("policies/read-reports.json")).doesNotExist();
        assertThat(Files.readString(dir.resolve("policy-descriptions.yaml"))).doesNotContain("read-reports");
        assertThat(root("GetPolicy", "{\"PolicyId\": " + id + "}").path("Error").path("Code").asText())
                .isEqualTo("ResourceNotFound.PolicyIdNotFound");
    }

    @Test
    void anInvalidWriteIsRefusedAndChangesNothing() throws Exception {
        String before = Files.readString(dir.resolve("accounts.yaml"));
        long generation = admin.reloader.current().generation();

        JsonNode bad = root("CreatePolicy", AdminClient.JSON.createObjectNode().put("PolicyName", "bad")
                .put("PolicyDocument", "{\"version\": \"2.0\", \"statement\": [{\"effect\": \"forbid\", "
                        + "\"action\": [\"name/cos:GetObject\"], \"resource\": [\"*\"]}]}").toString());
        assertThat(bad.path("Error").path("Code").asText()).isEqualTo("InvalidParameter.PolicyDocumentError");
        assertThat(bad.path("Error").path("Message").asText()).contains("/statement/0/effect");
        assertThat(dir.resolve("policies/bad.json")).doesNotExist();

        assertThat(root("CreatePolicy", "{\"PolicyName\": \"no spaces allowed\", \"PolicyDocument\": \"{}\"}")
                .path("Error").path("Code").asText()).isEqualTo("InvalidParameter.PolicyNameError");
        assertThat(root("CreatePolicy", AdminClient.JSON.createObjectNode().put("PolicyName", "long-description")
                .put("PolicyDocument", READ_REPORTS).put("Description", "x".repeat(301)).toString())
                .path("Error").path("Code").asText()).isEqualTo("InvalidParameter.DescriptionLengthOverlimit");
        assertThat(root("CreatePolicy", AdminClient.JSON.createObjectNode().put("PolicyName", "deny-secret")
                .put("PolicyDocument", READ_REPORTS).toString())
                .path("Error").path("Code").asText()).isEqualTo("FailedOperation.PolicyNameInUse");
        assertThat(root("AttachUserPolicy", "{\"PolicyId\": 1, \"AttachUin\": \"" + ERIN + "\"}")
                .path("Error").path("Code").asText()).isEqualTo("ResourceNotFound.PolicyIdNotFound");
        assertThat(root("NoSuchThing", "{}").path("Error").path("Code").asText()).isEqualTo("InvalidAction");

        assertThat(Files.readString(dir.resolve("accounts.yaml"))).isEqualTo(before);
        assertThat(admin.reloader.current().generation()).isEqualTo(generation);
    }

    @Test
    void aSubAccountWithoutCamRightsIsRefusedAndAPolicyManagerManagesOnlyPolicies() throws Exception {
        String create = AdminClient.JSON.createObjectNode().put("PolicyName", "read-reports")
                .put("PolicyDocument", READ_REPORTS).toString();
        JsonNode carol = admin.client.cam(CAROL_ID, CAROL_KEY, "CreatePolicy", create);
        assertThat(carol.path("Error").path("Code").asText()).isEqualTo("AuthFailure.UnauthorizedOperation");
        assertThat(dir.resolve("policies/read-reports.json")).doesNotExist();

        JsonNode bob = admin.client.cam(BOB_ID, BOB_KEY, "CreatePolicy", create);
        assertThat(bob.has("Error")).as("%s", bob).isFalse();
        assertThat(dir.resolve("policies/read-reports.json")).exists();
        JsonNode bobAddsUser = admin.client.cam(BOB_ID, BOB_KEY, "AddUser", "{\"Name\": \"mallory\"}");
        assertThat(bobAddsUser.path("Error").path("Code").asText()).isEqualTo("AuthFailure.UnauthorizedOperation");
        JsonNode bobAttaches = admin.client.cam(BOB_ID, BOB_KEY, "AttachUserPolicy",
                "{\"PolicyId\": " + bob.path("PolicyId").asLong() + ", \"AttachUin\": \"100000000012\"}");
        assertThat(bobAttaches.path("Error").path("Code").asText()).isEqualTo("AuthFailure.UnauthorizedOperation");
    }

    @Test
    void aPolicyAnotherAccountUsesIsNotThisAccountsToChange() throws Exception {
        String partnerId = "AKIDexamplePARTNER000000000000000002";
        String partnerKey = "demoPartnerSecretKey000000002";
        long cosReadWrite = PolicyIds.of("cos-read-write");
        String before = Files.readString(dir.resolve("policies/cos-read-write.json"));
        JsonNode update = admin.client.cam(partnerId, partnerKey, "UpdatePolicy", AdminClient.JSON.createObjectNode()
                .put("PolicyId", cosReadWrite).put("PolicyDocument", READ_REPORTS).toString());
        assertThat(update.path("Error").path("Code").asText()).isEqualTo("FailedOperation");
        JsonNode delete = admin.client.cam(partnerId, partnerKey, "DeletePolicy", "{\"PolicyId\": [" + cosReadWrite
                + "]}");
        assertThat(delete.path("Error").path("Code").asText()).isEqualTo("FailedOperation");
        assertThat(Files.readString(dir.resolve("policies/cos-read-write.json"))).isEqualTo(before);

        // the owning account may
        JsonNode own = root("UpdatePolicy", AdminClient.JSON.createObjectNode().put("PolicyName", "cos-read-write")
                .put("PolicyDocument", READ_REPORTS).toString());
        assertThat(own.has("Error")).as("%s", own).isFalse();
        assertThat(own.path("PolicyId").asLong()).isEqualTo(cosReadWrite);
        assertThat(Files.readString(dir.resolve("policies/cos-read-write.json"))).contains("reports/*");
    }

    @Test
    void badSignaturesAndTamperedBodiesAreRefused() throws Exception {
        JsonNode wrongKey = admin.client.cam(ROOT_ID, "notTheSecret", "ListUsers", "{}");
        assertThat(wrongKey.path("Error").path("Code").asText()).isEqualTo("AuthFailure.SignatureFailure");
        JsonNode unknown = admin.client.cam("AKIDnobody", "x", "ListUsers", "{}");
        assertThat(unknown.path("Error").path("Code").asText()).isEqualTo("AuthFailure.SecretIdNotFound");

        String signed = "{\"Name\": \"harmless\"}";
        String sent = "{\"Name\": \"harmless\", \"UseApi\": 1}";
        JsonNode tampered = AdminClient.JSON.readTree(admin.client.send(ROOT_ID, ROOT_KEY, "AddUser", signed, sent)
                .body()).path("Response");
        assertThat(tampered.path("Error").path("Code").asText()).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(Files.readString(dir.resolve("accounts.yaml"))).doesNotContain("harmless");

        JsonNode anonymous = AdminClient.JSON.readTree(admin.client.post("/cam", "{}").body()).path("Response");
        assertThat(anonymous.path("Error").path("Code").asText()).isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void usersGroupsAndAccessKeys() throws Exception {
        JsonNode added = root("AddUser", "{\"Name\": \"auditor\", \"UseApi\": 1}");
        assertThat(added.has("Error")).as("%s", added).isFalse();
        String uin = added.path("Uin").asText();
        String secretId = added.path("SecretId").asText();
        String secretKey = added.path("SecretKey").asText();
        assertThat(secretId).startsWith("AKID");
        assertThat(Files.readString(dir.resolve("accounts.yaml"))).contains("auditor").doesNotContain(secretKey);
        assertThat(root("AddUser", "{\"Name\": \"auditor\"}").path("Error").path("Code").asText())
                .isEqualTo("InvalidParameter.SubUserNameInUse");

        // the new key signs: the auditor is known, just not allowed
        JsonNode own = admin.client.cam(secretId, secretKey, "ListUsers", "{}");
        assertThat(own.path("Error").path("Code").asText()).isEqualTo("AuthFailure.UnauthorizedOperation");

        long group = root("CreateGroup", "{\"GroupName\": \"auditors\"}").path("GroupId").asLong();
        assertThat(group).isPositive();
        assertThat(root("AddUserToGroup", "{\"Info\": [{\"GroupId\": " + group + ", \"Uin\": " + uin + "}]}")
                .has("Error")).isFalse();
        assertThat(admin.reloader.current().snapshot().directory().user(uin).orElseThrow().groupIds())
                .containsExactly(Long.toString(group));
        assertThat(root("RemoveUserFromGroup", "{\"Info\": [{\"GroupId\": " + group + ", \"Uin\": " + uin + "}]}")
                .has("Error")).isFalse();
        assertThat(root("DeleteGroup", "{\"GroupId\": " + group + "}").has("Error")).isFalse();

        JsonNode second = root("CreateAccessKey", "{\"TargetUin\": \"" + uin + "\"}");
        String secondId = second.path("AccessKey").path("AccessKeyId").asText();
        assertThat(root("CreateAccessKey", "{\"TargetUin\": \"" + uin + "\"}").path("Error").path("Code").asText())
                .isEqualTo("LimitExceeded");
        assertThat(root("UpdateAccessKey", "{\"TargetUin\": \"" + uin + "\", \"AccessKeyId\": \"" + secretId
                + "\", \"Status\": \"Inactive\"}").has("Error")).isFalse();
        JsonNode keys = root("ListAccessKeys", "{\"TargetUin\": \"" + uin + "\"}");
        assertThat(keys.path("AccessKeys").findValuesAsText("Status")).containsExactly("Inactive", "Active");
        assertThat(admin.client.cam(secretId, secretKey, "ListUsers", "{}").path("Error").path("Code").asText())
                .isEqualTo("AuthFailure.SecretIdNotFound");
        assertThat(root("DeleteAccessKey", "{\"TargetUin\": \"" + uin + "\", \"AccessKeyId\": \"" + secondId
                + "\"}").has("Error")).isFalse();
        assertThat(dir.resolve("secrets/" + secondId)).doesNotExist();

        assertThat(root("DeleteUser", "{\"Name\": \"auditor\"}").path("Error").path("Code").asText())
                .isEqualTo("FailedOperation");
        assertThat(root("DeleteUser", "{\"Name\": \"auditor\", \"Force\": 1}").has("Error")).isFalse();
        assertThat(admin.reloader.current().snapshot().directory().user(uin)).isEmpty();
        assertThat(dir.resolve("secrets/" + secretId)).doesNotExist();
        assertThat(root("ListUsers", "{}").path("Data").findValuesAsText("Name")).doesNotContain("auditor")
                .contains("alice", "bob");
    }

    @Test
    void theLegacyEnvelope() throws Exception {
        String create = AdminClient.JSON.createObjectNode().put("version", 1).put("componentName", "MC")
                .put("eventId", 123456).set("interface", AdminClient.JSON.createObjectNode()
                        .put("interfaceName", "CreateCamStrategy").set("para", AdminClient.JSON.createObjectNode()
                                .put("strategyName", "read-reports").put("strategyInfo", READ_REPORTS)
                                .put("remark", "legacy"))).toString();
        assertThat(erinReadsReports(admin.reloader)).isFalse();
        JsonNode created = admin.client.legacy(ROOT_ID, ROOT_KEY, create);
        assertThat(created.path("returnCode").asInt()).as("%s", created).isZero();
        assertThat(created.path("eventId").asLong()).isEqualTo(123456);
        long id = created.path("data").path("strategyId").asLong();
        assertThat(id).isPositive();

        String attach = "{\"version\":1,\"componentName\":\"MC\",\"eventId\":7,\"interface\":{\"interfaceName\":"
                + "\"OperateCamStrategy\",\"para\":{\"groupId\":-1,\"relateUin\":" + ERIN + ",\"strategyId\":" + id
                + ",\"actionType\":1}}}";
        JsonNode attached = admin.client.legacy(ROOT_ID, ROOT_KEY, attach);
        assertThat(attached.path("returnCode").asInt()).as("%s", attached).isZero();
        assertThat(erinReadsReports(admin.reloader)).isTrue();

        JsonNode refused = admin.client.legacy(CAROL_ID, CAROL_KEY, attach.replace("\"actionType\":1",
                "\"actionType\":2"));
        assertThat(refused.path("returnCode").asInt()).isNotZero();
        assertThat(refused.path("returnMessage").asText()).startsWith("AuthFailure.UnauthorizedOperation");
        assertThat(erinReadsReports(admin.reloader)).isTrue();
        JsonNode detached = admin.client.legacy(ROOT_ID, ROOT_KEY, attach.replace("\"actionType\":1",
                "\"actionType\":2"));
        assertThat(detached.path("returnCode").asInt()).as("%s", detached).isZero();
        assertThat(erinReadsReports(admin.reloader)).isFalse();
    }
}
