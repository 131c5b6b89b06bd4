package io.camgate.sign;

import static io.camgate.sign.Fixtures.DIRECTORY;
import static io.camgate.sign.Fixtures.SECRET_ID;
import static io.camgate.sign.Fixtures.SECRET_KEY;
import static io.camgate.sign.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.qcloud.cos.auth.COSSigner;
import io.camgate.identity.Principal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST Object forms: the policy signature, its expiration, and each kind of condition. */
class PostObjectTest {
    /** The policy of the documented POST Object example (reference §1.2, vector C). */
    static final String VECTOR_C_POLICY = "ewogICAgImV4cGlyYXRpb24iOiAiMjAxOS0wOC0zMFQwOTozODoxMi40MTRaIiwKICAgIC"
            + "Jjb25kaXRpb25zIjogWwogICAgICAgIHsgImFjbCI6ICJkZWZhdWx0IiB9LAogICAgICAgIHsgImJ1Y2tldCI6ICJleGFtcGxl"
            + "YnVja2V0LTEyNTAwMDAwMDAiIH0sCiAgICAgICAgWyAic3RhcnRzLXdpdGgiLCAiJGtleSIsICJmb2xkZXIvc3ViZm9sZGVyLy"
            + "IgXSwKICAgICAgICBbICJzdGFydHMtd2l0aCIsICIkQ29udGVudC1UeXBlIiwgImltYWdlLyIgXSwKICAgICAgICBbICJzdGFy"
            + "dHMtd2l0aCIsICIkc3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiLCAiaHR0cHM6Ly9teS53ZWJzaXRlLyIgXSwKICAgICAgICBbIC"
            + "JlcSIsICIkeC1jb3Mtc2VydmVyLXNpZGUtZW5jcnlwdGlvbiIsICJBRVMyNTYiIF0sCiAgICAgICAgeyAicS1zaWduLWFsZ29y"
            + "aXRobSI6ICJzaGExIiB9LAogICAgICAgIHsgInEtYWsiOiAiQUtJRFFqejNsdG9tcFZqQm5pNUxpdGtXSEZsRnB3a245VTVxIi"
            + "B9LAogICAgICAgIHsgInEtc2lnbi10aW1lIjogIjE1NjcxNTA2OTI7MTU2NzE1Nzg5MiIgfQogICAgXQp9";
    static final String BUCKET = "examplebucket-1250000000";
    private static final String KEY_TIME = "1567150692;1567157892";
    private static final String KEY = "folder/subfolder/photo.jpg";
    /** Inside the key window and before the policy's expiration (2019-08-30T09:38:12.414Z). */
    private static final long NOW = 1567151000L;

    static Authenticator authenticator() {
        return authenticator(NOW);
    }

    private static Authenticator authenticator(long now) {
        return new Authenticator(SignatureRules.DEFAULTS, new TemporaryCredentials(Fixtures.at(now)),
                Fixtures.at(now));
    }

    static Map<String, String> vectorCFields() {
        Map<String, String> fields = new HashMap<>();
        fields.put("key", KEY);
        fields.put("policy", VECTOR_C_POLICY);
        fields.put("acl", "default");
        fields.put("Content-Type", "image/jpeg");
        fields.put("success_action_redirect", "https://my.website/done");
        fields.put("x-cos-server-side-encryption", "AES256");
        fields.put("q-sign-algorithm", "sha1");
        fields.put("q-ak", SECRET_ID);
        fields.put("q-key-time", KEY_TIME);
        fields.put("q-signature", "7758dc9a832e9d301dca704cacbf9d9f8172fdef");
        return fields;
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> fields = vectorCFields();
        if (value == null) {
            fields.remove(name);
        } else {
            fields.put(name, value);
        }
        return fields;
    }

    /** A form whose policy is {@code json}, signed with the SDK's POST signature. */
    private static Map<String, String> signedPolicy(String json) {
        Map<String, String> fields = vectorCFields();
        fields.put("policy", Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        fields.put("q-signature", new COSSigner().buildPostObjectSignature(SECRET_KEY, KEY_TIME, json));
        return fields;
    }

    private static Authentication post(Map<String, String> fields, String bucket, String key, long length)
            throws AuthenticationException {
        return authenticator().authenticateForm(new PostObjectForm(fields, bucket, key, length), DIRECTORY);
    }

    @Test
    void theDocumentedFormIsAccepted() throws Exception {
        Authentication auth = post(vectorCFields(), BUCKET, KEY, 10);
        assertThat(auth.principal()).isEqualTo(new Principal.Root(Fixtures.ROOT_UIN));
        assertThat(auth.window()).map(KeyWindow::text).contains(KEY_TIME);
    }

    @Test
    void fieldNamesCompareCaseInsensitively() throws Exception {
        Map<String, String> fields = vectorCFields();
        fields.put("content-type", fields.remove("Content-Type"));
        assertThat(post(fields, BUCKET, KEY, 10).carrier()).isEqualTo(Carrier.POST_FORM);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(nullValues = "NULL", value = {
        "acl, public-read",
        "acl, NULL",
        "Content-Type, text/plain",
        "Content-Type, NULL",
        "success_action_redirect, https://evil.example/",
        "success_action_redirect, NULL",
        "x-cos-server-side-encryption, aes256",
        "x-cos-server-side-encryption, NULL",
        "q-key-time, NULL",
    })
    void eachFailingConditionIsRefused(String field, String value) {
        Map<String, String> fields = with(field, value);
        if (field.equals("q-key-time")) {
            assertRejected(() -> post(fields, BUCKET, KEY, 10), "MalformedPOSTRequest", 400);
        } else {
            assertRejected(() -> post(fields, BUCKET, KEY, 10), "AccessDenied", 403);
        }
    }

    @Test
    void anotherBucketFailsTheBucketCondition() {
        assertRejected(() -> post(vectorCFields(), "otherbucket-1250000000", KEY, 10), "AccessDenied", 403);
    }

    @Test
    void aKeyOutsideThePrefixFailsTheKeyCondition() {
        Map<String, String> fields = with("key", "elsewhere/photo.jpg");
        assertRejected(() -> post(fields, BUCKET, "elsewhere/photo.jpg", 10), "AccessDenied", 403);
    }

    @Test
    void theFormKeyMustBeTheAuthorizedKey() throws Exception {
        assertRejected(() -> post(vectorCFields(), BUCKET, "folder/subfolder/other.jpg", 10), "AccessDenied", 403);
        Map<String, String> withFilename = with("key", "folder/subfolder/${filename}");
        assertThat(post(withFilename, BUCKET, "folder/subfolder/cat.png", 10).carrier()).isEqualTo(Carrier.POST_FORM);
        assertRejected(() -> post(withFilename, BUCKET, "folder/cat.png", 10), "AccessDenied", 403);
    }

    @Test
    void anExpiredPolicyIsRefused() {
        // Still inside the key window, one second after the policy's expiration.
        long afterExpiration = 1567157893L;
        assertRejected(() -> new Authenticator(SignatureRules.DEFAULTS,
                new TemporaryCredentials(Fixtures.at(afterExpiration)), Fixtures.at(afterExpiration))
                .authenticateForm(new PostObjectForm(vectorCFields(), BUCKET, KEY, 10), DIRECTORY),
                "AccessDenied", 403);
    }

    @Test
    void aWrongSignatureIsRefused() {
        Map<String, String> fields = with("q-signature", "7758dc9a832e9d301dca704cacbf9d9f8172fdee");
        assertRejected(() -> post(fields, BUCKET, KEY, 10), "SignatureDoesNotMatch", 403);
    }

    @Test
    void aPolicyChangedAfterSigningIsRefused() {
        String json = new String(Base64.getDecoder().decode(VECTOR_C_POLICY), StandardCharsets.UTF_8)
                .replace("folder/subfolder/", "");
        Map<String, String> fields = with("policy",
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        assertRejected(() -> post(fields, BUCKET, KEY, 10), "SignatureDoesNotMatch", 403);
    }

    @Test
    void contentLengthRangeIsEnforced() throws Exception {
        Map<String, String> fields = signedPolicy("{\"expiration\":\"2019-08-30T09:38:12Z\",\"conditions\":["
                + "[\"content-length-range\",1,1024],{\"bucket\":\"" + BUCKET + "\"}]}");
        assertThat(post(fields, BUCKET, KEY, 1024).carrier()).isEqualTo(Carrier.POST_FORM);
        assertRejected(() -> post(fields, BUCKET, KEY, 1025), "AccessDenied", 403);
        assertRejected(() -> post(fields, BUCKET, KEY, 0), "AccessDenied", 403);
        assertRejected(() -> post(fields, BUCKET, KEY, -1), "AccessDenied", 403);
    }

    @Test
    void aConditionOnAFieldTheFormLacksFails() {
        Map<String, String> fields = signedPolicy("{\"expiration\":\"2019-08-30T09:38:12Z\",\"conditions\":["
                + "[\"eq\",\"$x-cos-storage-class\",\"STANDARD\"]]}");
        assertRejected(() -> post(fields, BUCKET, KEY, 1), "AccessDenied", 403);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"conditions\":[]}",
        "{\"expiration\":\"tomorrow\",\"conditions\":[]}",
        "{\"expiration\":\"2019-08-30T09:38:12Z\"}",
        "{\"expiration\":\"2019-08-30T09:38:12Z\",\"conditions\":[[\"like\",\"$key\",\"a\"]]}",
        "{\"expiration\":\"2019-08-30T09:38:12Z\",\"conditions\":[[\"eq\",\"key\",\"a\"]]}",
        "{\"expiration\":\"2019-08-30T09:38:12Z\",\"conditions\":[[\"content-length-range\",5,1]]}",
        "{\"expiration\":\"2019-08-30T09:38:12Z\",\"conditions\":[],\"extra\":1}",
        "[1,2]",
    })
    void unreadablePoliciesAreInvalidPolicyDocuments(String json) {
        assertRejected(() -> post(signedPolicy(json), BUCKET, KEY, 1), "InvalidPolicyDocument", 400);
    }

    @Test
    void anInactiveKeyIsUnknown() {
        Map<String, String> fields = with("q-ak", Fixtures.INACTIVE_ID);
        assertRejected(() -> post(fields, BUCKET, KEY, 1), "InvalidAccessKeyId", 403);
    }
}
