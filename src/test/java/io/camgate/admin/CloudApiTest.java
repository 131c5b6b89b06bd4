package io.camgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import io.camgate.identity.Principal;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyParser;
import io.camgate.sign.TemporaryCredential;
import io.camgate.testing.CloudApi;
import io.camgate.testing.ExampleConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CAM API as Tencent Cloud API 3.0 on the admin listener, called by the official SDK's
 * {@code CommonClient} (TC3-HMAC-SHA256, and the older HmacSHA1 and HmacSHA256 forms), and by
 * hand-made requests for what the SDK cannot be made to send: stale timestamps and tampered
 * signatures.
 */
class CloudApiTest {
    private static final String ROOT_ID = "AKIDexampleROOT0000000000000000001";
    private static final String ROOT_KEY = "demoRootSecretKey00000000000001";
    private static final String CAROL_ID = "AKIDexampleCAROL000000000000000013";
    private static final String CAROL_KEY = "demoCarolSecretKey0000000000013";
    private static final String CAROL_OLD_ID = "AKIDexampleCAROLOLD000000000000013";
    private static final String CAROL_OLD_KEY = "demoCarolOldSecretKey000000013";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @TempDir
    Path tmp;
    private Path dir;
    private RunningAdmin admin;
    private CommonClient root;

    @BeforeEach
    void start() throws Exception {
        dir = ExampleConfig.copyTo(tmp.resolve("config"));
        admin = new RunningAdmin(dir);
        root = CloudApi.cam(admin.server.port(), ROOT_ID, ROOT_KEY);
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    private static void assertCode(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TencentCloudSDKException.class, e -> {
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.getRequestId()).isNotEmpty();
        });
    }

    @Test
    void theSdkListsUsersAndReadsTheEnvelope() throws Exception {
        JsonNode users = CloudApi.call(root, "ListUsers", Map.of());
        assertThat(users.path("Data").findValuesAsText("Name")).contains("alice", "bob", "carol");
        assertThat(users.path("RequestId").asText()).isNotEmpty();
    }

    @Test
    void theOlderSignatureFormsWorkWithListsInFlatNames() throws Exception {
        for (String method : List.of(ClientProfile.SIGN_SHA1, ClientProfile.SIGN_SHA256, ClientProfile.SIGN_TC3_256)) {
            for (String verb : List.of(HttpProfile.REQ_GET, HttpProfile.REQ_POST)) {
                CommonClient client = CloudApi.cam(admin.server.port(), new Credential(ROOT_ID, ROOT_KEY), method,
                        "cam");
                client.getClientProfile().getHttpProfile().setReqMethod(verb);
                assertThat(CloudApi.call(client, "GetUser", Map.of("Name", "alice")).path("Uin").asLong())
                        .as(method + " " + verb).isEqualTo(100000000011L);
            }
        }
        long first = CloudApi.call(root, "CreatePolicy", Map.of("PolicyName", "tmp-a",
                "PolicyDocument", "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\","
                        + "\"action\":[\"name/cos:GetObject\"],\"resource\":[\"*\"]}]}")).path("PolicyId").asLong();
        long second = CloudApi.call(root, "CreatePolicy", Map.of("PolicyName", "tmp-b",
                "PolicyDocument", "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\","
                        + "\"action\":[\"name/cos:HeadObject\"],\"resource\":[\"*\"]}]}")).path("PolicyId").asLong();
        assertThat(dir.resolve("policies/tmp-a.json")).exists();
        CommonClient older = CloudApi.cam(admin.server.port(), new Credential(ROOT_ID, ROOT_KEY),
                ClientProfile.SIGN_SHA256, "cam");
        CloudApi.call(older, "DeletePolicy", Map.of("PolicyId", List.of(first, second)));
        assertThat(dir.resolve("policies/tmp-a.json")).doesNotExist();
        assertThat(dir.resolve("policies/tmp-b.json")).doesNotExist();
    }

    @Test
    void groupsAndTheirMembersAndPolicies() throws Exception {
        long group = CloudApi.call(root, "CreateGroup", Map.of("GroupName", "auditors")).path("GroupId").asLong();
        // the list of objects goes as JSON with TC3, and as Info.0.GroupId... in the older form
        CloudApi.call(root, "AddUserToGroup", Map.of("Info", List.of(Map.of("GroupId", group, "Uin", 100000000011L))));
        CommonClient older = CloudApi.cam(admin.server.port(), new Credential(ROOT_ID, ROOT_KEY),
                ClientProfile.SIGN_SHA1, "cam");
        CloudApi.call(older, "AddUserToGroup", Map.of("Info", List.of(Map.of("GroupId", group, "Uin", 100000000013L))));

        JsonNode got = CloudApi.call(root, "GetGroup", Map.of("GroupId", group));
        assertThat(got.path("GroupName").asText()).isEqualTo("auditors");
        assertThat(got.path("GroupNum").asInt()).isEqualTo(2);
        assertThat(got.path("UserInfo").findValuesAsText("Name")).containsExactlyInAnyOrder("alice", "carol");
        assertThat(CloudApi.call(root, "ListUsersForGroup", Map.of("GroupId", group, "Rp", 1, "Page", 2))
                .path("UserInfo").size()).isEqualTo(1);
        assertThat(CloudApi.call(root, "ListGroups", Map.of("Keyword", "audit")).path("GroupInfo")
                .findValuesAsText("GroupName")).containsExactly("auditors");
        assertThat(CloudApi.call(root, "ListGroupsForUser", Map.of("SubUin", 100000000013L)).path("GroupInfo")
                .findValuesAsText("GroupName")).containsExactly("auditors");

        long policy = CloudApi.call(root, "CreatePolicy", Map.of("PolicyName", "audit-read", "PolicyDocument",
                "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/cos:GetObject\"],"
                        + "\"resource\":[\"*\"]}]}")).path("PolicyId").asLong();
        CloudApi.call(root, "AttachGroupPolicy", Map.of("PolicyId", policy, "AttachGroupId", group));
        assertThat(CloudApi.call(root, "ListAttachedGroupPolicies", Map.of("TargetGroupId", group)).path("List")
                .findValuesAsText("PolicyName")).containsExactly("audit-read");

        CloudApi.call(root, "RemoveUserFromGroup", Map.of("Info", List.of(Map.of("GroupId", group,
                "Uin", 100000000011L))));
        assertThat(CloudApi.call(root, "GetGroup", Map.of("GroupId", group)).path("UserInfo")
                .findValuesAsText("Name")).containsExactly("carol");
        assertThat(CloudApi.call(root, "GetUserAppId", Map.of())
                .path("AppId").asLong()).isEqualTo(1250000001L);
    }

    @Test
    void aSubUserWithoutCamPermissionsGetsAuthFailure() {
        CommonClient carol = CloudApi.cam(admin.server.port(), CAROL_ID, CAROL_KEY);
        assertCode(() -> CloudApi.call(carol, "ListUsers", Map.of()), "AuthFailure.UnauthorizedOperation");
        assertCode(() -> CloudApi.call(carol, "AddUser", Map.of("Name", "mallory", "UseApi", 1)),
                "AuthFailure.UnauthorizedOperation");
        assertThat(admin.reloader.current().snapshot().directory().accounts().get(0).users())
                .noneMatch(u -> u.name().equals("mallory"));
    }

    @Test
    void whatDoesNotExistIsResourceNotFound() {
        assertCode(() -> CloudApi.call(root, "GetUser", Map.of("Name", "nobody")), "ResourceNotFound.UserNotExist");
        assertCode(() -> CloudApi.call(root, "GetPolicy", Map.of("PolicyId", 1)), "ResourceNotFound.PolicyIdNotFound");
        assertCode(() -> CloudApi.call(root, "ListUsersEverywhere", Map.of()), "InvalidAction");
    }

    @Test
    void unknownAndDeactivatedKeysAreRefused() {
        assertCode(() -> CloudApi.call(CloudApi.cam(admin.server.port(), "AKIDnobody", "nothing"), "ListUsers",
                Map.of()), "AuthFailure.SecretIdNotFound");
        assertCode(() -> CloudApi.call(CloudApi.cam(admin.server.port(), CAROL_OLD_ID, CAROL_OLD_KEY), "ListUsers",
                Map.of()), "AuthFailure.SecretIdNotFound");
        assertCode(() -> CloudApi.call(CloudApi.cam(admin.server.port(), ROOT_ID, "not-the-key"), "ListUsers",
                Map.of()), "AuthFailure.SignatureFailure");
    }

    @Test
    void aBadPolicyDocumentIsRefusedAndNoFileChanges() throws Exception {
        String bad = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"forbid\",\"action\":[\"name/cos:*\"],"
                + "\"resource\":[\"*\"]}]}";
        assertThatThrownBy(() -> CloudApi.call(root, "CreatePolicy", Map.of("PolicyName", "bad",
                "PolicyDocument", bad))).isInstanceOfSatisfying(TencentCloudSDKException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("InvalidParameter.PolicyDocumentError");
                    assertThat(e.getMessage()).contains("policies/bad.json at /statement/0/effect")
                            .doesNotContain(dir.toString());
                });
        assertThat(dir.resolve("policies/bad.json")).doesNotExist();

        byte[] before = Files.readAllBytes(dir.resolve("policies/cos-read-write.json"));
        assertCode(() -> CloudApi.call(root, "UpdatePolicy", Map.of("PolicyName", "cos-read-write",
                "PolicyDocument", bad)), "InvalidParameter.PolicyDocumentError");
        assertCode(() -> CloudApi.call(root, "UpdatePolicy", Map.of("PolicyName", "cos-read-write",
                "PolicyDocument", "not json")), "InvalidParameter.PolicyDocumentError");
        assertThat(Files.readAllBytes(dir.resolve("policies/cos-read-write.json"))).isEqualTo(before);
    }

    @Test
    void aScopeForAnotherServiceIsRefused() {
        CommonClient cvm = CloudApi.cam(admin.server.port(), new Credential(ROOT_ID, ROOT_KEY),
                ClientProfile.SIGN_TC3_256, "cvm");
        assertCode(() -> CloudApi.call(cvm, "ListUsers", Map.of()), "AuthFailure.SignatureFailure");
    }

    @Test
    void temporaryCredentialsTravelWithTheirToken() throws Exception {
        TemporaryCredential temp = admin.temporary.issue(new Principal.Root("100000000001"));
        CommonClient withToken = CloudApi.cam(admin.server.port(),
                new Credential(temp.secretId(), temp.secretKey(), temp.token()), ClientProfile.SIGN_TC3_256, "cam");
        assertThat(CloudApi.call(withToken, "ListUsers", Map.of()).path("Data").isArray()).isTrue();
        CommonClient wrongToken = CloudApi.cam(admin.server.port(),
                new Credential(temp.secretId(), temp.secretKey(), "not-the-token"), ClientProfile.SIGN_TC3_256, "cam");
        assertCode(() -> CloudApi.call(wrongToken, "ListUsers", Map.of()), "AuthFailure.TokenFailure");
        CommonClient noToken = CloudApi.cam(admin.server.port(), temp.secretId(), temp.secretKey());
        assertCode(() -> CloudApi.call(noToken, "ListUsers", Map.of()), "AuthFailure.TokenFailure");
    }

    @Test
    void aTemporaryKeysSessionPolicyNarrowsWhatItMayDo() throws Exception {
        PolicyDocument onlyListing = PolicyParser.parse("session", "session", PolicyKind.USER, """
                {"version": "2.0", "statement": [{"effect": "allow", "action": ["name/cam:ListUsers"],
                  "resource": ["*"]}]}""");
        TemporaryCredential temp = admin.temporary.issue(new Principal.Root("100000000001"),
                Duration.ofMinutes(10), onlyListing);
        CommonClient narrowed = CloudApi.cam(admin.server.port(),
                new Credential(temp.secretId(), temp.secretKey(), temp.token()), ClientProfile.SIGN_TC3_256, "cam");
        assertThat(CloudApi.call(narrowed, "ListUsers", Map.of()).path("Data").findValuesAsText("Name"))
                .contains("alice");
        // the root account itself may do anything; its session may not
        assertCode(() -> CloudApi.call(narrowed, "ListPolicies", Map.of()), "AuthFailure.UnauthorizedOperation");
        assertCode(() -> CloudApi.call(narrowed, "AddUser", Map.of("Name", "mallory")),
                "AuthFailure.UnauthorizedOperation");
        assertThat(CloudApi.call(root, "ListPolicies", Map.of()).path("TotalNum").asInt()).isPositive();
    }

    /** A request signed here, with the timestamp, scope service and signature as given. */
    private JsonNode raw(String action, String body, long timestamp, String service, boolean tamper,
            String... extraHeaders) throws Exception {
        return raw(action, false, action, body, timestamp, service, tamper, extraHeaders);
    }

    /**
     * A request signed for {@code action} (with x-tc-action among the signed headers when
     * {@code signAction}) that names {@code sentAction}.
     */
    private JsonNode raw(String action, boolean signAction, String sentAction, String body, long timestamp,
            String service, boolean tamper, String... extraHeaders) throws Exception {
        String host = "127.0.0.1:" + admin.server.port();
        String date = DATE.format(Instant.ofEpochSecond(timestamp));
        String contentType = "application/json; charset=utf-8";
        HexFormat hex = HexFormat.of();
        String signedHeaders = signAction ? "content-type;host;x-tc-action" : "content-type;host";
        String canonical = "POST\n/\n\ncontent-type:" + contentType + "\nhost:" + host + "\n"
                + (signAction ? "x-tc-action:" + action.toLowerCase(Locale.ROOT) + "\n" : "") + "\n"
                + signedHeaders + "\n" + hex.formatHex(Digests.sha256(body.getBytes(StandardCharsets.UTF_8)));
        String scope = date + "/" + service + "/tc3_request";
        String toSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n"
                + hex.formatHex(Digests.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        // the key chain names the scope's service, so a wrong service is also a consistent signature
        byte[] key = Digests.hmac("HmacSHA256", ("TC3" + ROOT_KEY).getBytes(StandardCharsets.UTF_8), date);
        key = Digests.hmac("HmacSHA256", key, service);
        key = Digests.hmac("HmacSHA256", key, "tc3_request");
        byte[] signature = Digests.hmac("HmacSHA256", key, toSign);
        if (tamper) {
            signature[0] ^= 1;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + "/"))
                .header("Content-Type", contentType).header("X-TC-Action", sentAction)
                .header("X-TC-Version", "2019-01-16").header("X-TC-Timestamp", Long.toString(timestamp))
                .header("Authorization", "TC3-HMAC-SHA256 Credential=" + ROOT_ID + "/" + scope
                        + ", SignedHeaders=" + signedHeaders + ", Signature=" + hex.formatHex(signature))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < extraHeaders.length; i += 2) {
            request.setHeader(extraHeaders[i], extraHeaders[i + 1]);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return AdminClient.JSON.readTree(response.body()).path("Response");
    }

    private static String code(JsonNode response) {
        return response.path("Error").path("Code").asText();
    }

    @Test
    void handMadeRequestsAreCheckedAsTheDocumentationSays() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertThat(code(raw("ListUsers", "{}", now, "cam", false))).isEmpty();
        assertThat(code(raw("ListUsers", "{}", now, "cam", true))).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(code(raw("ListUsers", "{}", now - 600, "cam", false))).isEqualTo("AuthFailure.SignatureExpire");
        assertThat(code(raw("ListUsers", "{}", now + 600, "cam", false))).isEqualTo("AuthFailure.SignatureExpire");
        assertThat(code(raw("ListUsers", "{}", now, "cvm", false))).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(code(raw("ListUsers", "{}", now, "cam", false, "X-TC-Content-SHA256", "UNSIGNED-PAYLOAD")))
                .isEqualTo("AuthFailure.SignatureFailure");
        assertThat(code(raw("ListUsers", "{}", now, "cam", false, "X-TC-Version", "2017-03-12")))
                .isEqualTo("NoSuchVersion");
    }

    @Test
    void aNonceOfTheOlderFormIsAcceptedOnce() throws Exception {
        String host = "127.0.0.1:" + admin.server.port();
        TreeMap<String, String> params = new TreeMap<>(Map.of("Action", "ListUsers",
                "Nonce", "4711", "SecretId", ROOT_ID, "SignatureMethod", "HmacSHA256",
                "Timestamp", Long.toString(Instant.now().getEpochSecond()), "Version", "2019-01-16"));
        StringBuilder plain = new StringBuilder("GET" + host + "/");
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> {
            plain.append(query.length() == 0 ? '?' : '&').append(k).append('=').append(v);
            query.append(k).append('=').append(v).append('&');
        });
        String signature = Base64.getEncoder().encodeToString(Digests.hmac("HmacSHA256",
                ROOT_KEY.getBytes(StandardCharsets.UTF_8), plain.toString()));
        URI uri = URI.create("http://" + host + "/?" + query + "Signature="
                + URLEncoder.encode(signature, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        JsonNode first = AdminClient.JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(first.path("Response").path("Data").isArray()).as("%s", first).isTrue();
        JsonNode again = AdminClient.JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(code(again.path("Response"))).isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void aSignedActionHeaderIsCheckedLikeAnyOther() throws Exception {
        long now = Instant.now().getEpochSecond();
        String body = "{\"Name\": \"carol\"}";
        assertThat(code(raw("GetUser", true, "GetUser", body, now, "cam", false))).isEmpty();
        assertThat(code(raw("GetUser", true, "DeleteUser", body, now, "cam", false)))
                .isEqualTo("AuthFailure.SignatureFailure");
        assertThat(admin.reloader.current().snapshot().directory().user("100000000013")).isPresent();
    }
}
