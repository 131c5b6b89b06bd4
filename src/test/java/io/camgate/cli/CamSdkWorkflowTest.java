package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.qcloud.cos.COSClient;
import com.qcloud.cos.exception.CosServiceException;
import com.tencentcloudapi.common.CommonClient;
import io.camgate.config.GatewaySettings;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.proxy.RequestObserver;
import io.camgate.testing.CloudApi;
import io.camgate.testing.CosClients;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' workflow end to end, with the official SDKs only: the root account manages a
 * sub-user through the admin listener with the Tencent Cloud SDK (API 3.0, TC3-HMAC-SHA256),
 * and the sub-user's new key reads and writes through the gateway to s3proxy with the COS SDK,
 * as far as the attached policy allows, until the policy is detached or the key deactivated.
 */
class CamSdkWorkflowTest {
    private static final String BUCKET = "examplebucket-1250000001";
    private static final String ROOT_ID = "AKIDexampleROOT0000000000000000001";
    private static final String ROOT_KEY = "demoRootSecretKey00000000000001";
    private static final String REPORTS = """
            {"version": "2.0", "statement": [{"effect": "allow",
              "action": ["name/cos:PutObject", "name/cos:GetObject"],
              "resource": ["qcs::cos::uid/1250000001:examplebucket-1250000001/reports/*"]}]}""";

    @TempDir
    Path tmp;
    private S3ProxyServer s3;
    private OperatedGateway served;
    private CommonClient root;

    @BeforeEach
    void start() throws Exception {
        s3 = S3ProxyServer.start(tmp.resolve("s3"));
        Path dir = ExampleConfig.copyTo(tmp.resolve("config"));
        ExampleConfig.routeTo(dir, s3);
        GatewaySettings settings = new GatewaySettingsLoader(name -> null).load(dir);
        served = OperatedGateway.start(dir, settings, null, RequestObserver.NONE, Clock.systemUTC());
        root = CloudApi.cam(served.operations().admin().port(), ROOT_ID, ROOT_KEY);
        CosClients.client(served.gateway().port(), ROOT_ID, ROOT_KEY).createBucket(BUCKET);
    }

    @AfterEach
    void stop() {
        if (served != null) {
            served.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private static void refused(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CosServiceException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(403);
            assertThat(e.getErrorCode()).isEqualTo(code);
        });
    }

    private static String read(COSClient cos, String key) throws IOException {
        try (InputStream in = cos.getObject(BUCKET, key).getObjectContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void rootCreatesASubUserGrantsItAndTheKeyWorksUntilDetachedOrDeactivated() throws Exception {
        JsonNode added = CloudApi.call(root, "AddUser", Map.of("Name", "ingest", "UseApi", 1, "ConsoleLogin", 0));
        long uin = added.path("Uin").asLong();
        String secretId = added.path("SecretId").asText();
        String secretKey = added.path("SecretKey").asText();
        assertThat(secretId).startsWith("AKID");
        assertThat(secretKey).isNotEmpty();
        JsonNode second = CloudApi.call(root, "CreateAccessKey", Map.of("TargetUin", uin)).path("AccessKey");
        assertThat(second.path("Status").asText()).isEqualTo("Active");
        // the secrets are shown once: listing the keys names them without their secrets
        JsonNode listed = CloudApi.call(root, "ListAccessKeys", Map.of("TargetUin", uin));
        assertThat(listed.path("AccessKeys").findValuesAsText("AccessKeyId"))
                .containsExactlyInAnyOrder(secretId, second.path("AccessKeyId").asText());
        assertThat(listed.toString()).doesNotContain(secretKey, second.path("SecretAccessKey").asText());

        COSClient ingest = CosClients.client(served.gateway().port(), secretId, secretKey);
        refused(() -> ingest.putObject(BUCKET, "reports/q1.txt", "q1"), "AccessDenied");

        long policy = CloudApi.call(root, "CreatePolicy", Map.of("PolicyName", "ingest-reports",
                "PolicyDocument", REPORTS, "Description", "the ingest job's reports")).path("PolicyId").asLong();
        CloudApi.call(root, "AttachUserPolicy", Map.of("PolicyId", policy, "AttachUin", uin));
        assertThat(CloudApi.call(root, "ListAttachedUserPolicies", Map.of("TargetUin", uin))
                .path("List").findValuesAsText("PolicyName")).containsExactly("ingest-reports");

        ingest.putObject(BUCKET, "reports/q1.txt", "q1");
        assertThat(read(ingest, "reports/q1.txt")).isEqualTo("q1");
        refused(() -> ingest.putObject(BUCKET, "other/q1.txt", "q1"), "AccessDenied");
        refused(() -> ingest.deleteObject(BUCKET, "reports/q1.txt"), "AccessDenied");

        CloudApi.call(root, "DetachUserPolicy", Map.of("PolicyId", policy, "DetachUin", uin));
        refused(() -> read(ingest, "reports/q1.txt"), "AccessDenied");
        refused(() -> ingest.putObject(BUCKET, "reports/q2.txt", "q2"), "AccessDenied");

        CloudApi.call(root, "AttachUserPolicy", Map.of("PolicyId", policy, "AttachUin", uin));
        assertThat(read(ingest, "reports/q1.txt")).isEqualTo("q1");
        CloudApi.call(root, "UpdateAccessKey", Map.of("AccessKeyId", secretId, "Status", "Inactive",
                "TargetUin", uin));
        refused(() -> read(ingest, "reports/q1.txt"), "InvalidAccessKeyId");
        // the user's other key is untouched
        COSClient other = CosClients.client(served.gateway().port(), second.path("AccessKeyId").asText(),
                second.path("SecretAccessKey").asText());
        assertThat(read(other, "reports/q1.txt")).isEqualTo("q1");
        assertThat(CloudApi.call(root, "ListAccessKeys", Map.of("TargetUin", uin)).path("AccessKeys").findValuesAsText(
                "Status")).containsExactlyInAnyOrder("Inactive", "Active");
    }
}
