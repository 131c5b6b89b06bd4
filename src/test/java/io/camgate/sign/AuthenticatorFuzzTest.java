package io.camgate.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qcloud.cos.auth.COSSigner;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of signature verification (README, Fuzzing). The verifier must return
 * an authentication or a COS authentication error, never fail otherwise, and never accept what
 * no key holder signed. The oracles here are independent of the verifier: the genuine
 * signatures come from the official COS SDK, and what a signature covers is recomputed by
 * {@link #covered} from the rules of COS v5 signing, not by the gateway's own writer.
 */
class AuthenticatorFuzzTest {
    private static final long NOW = 1_700_000_000L;
    private static final long START = NOW - 60;
    private static final long END = NOW + 3600;
    private static final String KEY_TIME = START + ";" + END;
    private static final String BUCKET = "examplebucket-1250000000";
    private static final String FORM_KEY = "uploads/photo.png";
    private static final long FORM_LENGTH = 1000;
    private static final Set<String> CARRIER_PARAMS = Set.of(SignatureFields.ALGORITHM, SignatureFields.AK,
            SignatureFields.SIGN_TIME, SignatureFields.KEY_TIME, SignatureFields.HEADER_LIST,
            SignatureFields.PARAM_LIST, SignatureFields.SIGNATURE, "sign");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Authenticator AUTHENTICATOR = new Authenticator(SignatureRules.DEFAULTS,
            new TemporaryCredentials(Fixtures.at(NOW)), Fixtures.at(NOW));

    /** The request every genuine signature covers. */
    private static final TestRequest GENUINE = new TestRequest("GET", "/photos/a b+c.jpg")
            .rawQuery("response-content-type=text%2Fplain&versionId=v1")
            .header("Host", Fixtures.HOST).header("x-cos-acl", "private").header("Content-Type", "image/jpeg");

    /** What each key holder signed: the SDK's authorization for the root key and for the sub-user's. */
    private static final List<String> SIGNED = List.of(
            Fixtures.sdkSign(GENUINE, Fixtures.SECRET_ID, Fixtures.SECRET_KEY, START, END),
            Fixtures.sdkSign(GENUINE, Fixtures.USER_ID, Fixtures.USER_KEY, START, END));

    /**
     * Any Authorization header on the genuine request: accepted only with the SecretId and
     * window of a genuine signature.
     */
    @FuzzTest(maxDuration = "5s")
    void authorizationHeader(byte[] input) {
        TestRequest request = GENUINE.withHeader("Authorization", new String(input, StandardCharsets.UTF_8));
        authenticatesOnlyWhatWasSigned(request);
    }

    /**
     * Any request, as text: the method, the decoded path and the raw query on the first three
     * lines, then header lines {@code name: value}. The signature may travel in the
     * Authorization header, as {@code q-*} parameters or as {@code sign=}. Accepted only when
     * what the genuine signature covers is unchanged; anonymous only when nothing carries a
     * signature.
     */
    @FuzzTest(maxDuration = "5s")
    void request(byte[] input) {
        TestRequest request = parse(input);
        if (request != null) {
            authenticatesOnlyWhatWasSigned(request);
        }
    }

    /**
     * A POST Object form whose policy document is the input after its first byte, which picks
     * whether the form is signed afresh (by the SDK) over that document, or keeps the signature
     * of the seed document, and whether the request acts on our bucket or another one. Accepted
     * only for a document that was signed, that has not expired, and whose every condition on
     * bucket, key and length the form meets.
     */
    @FuzzTest(maxDuration = "5s")
    void postForm(byte[] input) {
        if (input.length == 0) {
            return;
        }
        boolean resign = (input[0] & 1) != 0;
        String bucket = (input[0] & 2) != 0 ? "source-1250000001" : BUCKET;
        // Through UTF-8 and back, so that the SDK signs exactly the bytes the form carries.
        String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        byte[] json = text.getBytes(StandardCharsets.UTF_8);
        PostObjectForm form = new PostObjectForm(form(json, resign ? text : SEED_POLICY), bucket, FORM_KEY,
                FORM_LENGTH);
        try {
            AUTHENTICATOR.authenticateForm(form, Fixtures.DIRECTORY);
        } catch (AuthenticationException e) {
            isCosError(e.error());
            return;
        }
        assertThat(resign || text.equals(SEED_POLICY)).as("a document nobody signed was accepted").isTrue();
        meetsEveryCondition(json, bucket);
    }

    /** The document every unsigned mutation is checked against. */
    static final String SEED_POLICY = "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[{\"bucket\":\""
            + BUCKET + "\"},[\"starts-with\",\"$key\",\"uploads/\"],[\"content-length-range\",1,1048576]]}";

    /** The oracles would prove nothing if the genuine seeds were refused: each carrier and the form are accepted. */
    @Test
    void theGenuineSeedsAreAccepted() throws Exception {
        for (String seed : List.of("header-signed", "presigned", "sign-parameter")) {
            assertThat(AUTHENTICATOR.authenticate(parse(seed("request", seed)), Fixtures.DIRECTORY).isAnonymous())
                    .as(seed).isFalse();
        }
        byte[] form = seed("postForm", "seed-kept");
        assertThat(form[0]).isZero();
        Map<String, String> fields = form(SEED_POLICY.getBytes(StandardCharsets.UTF_8), SEED_POLICY);
        assertThat(AUTHENTICATOR.authenticateForm(new PostObjectForm(fields, BUCKET, FORM_KEY, FORM_LENGTH),
                Fixtures.DIRECTORY).isAnonymous()).isFalse();
    }

    private static byte[] seed(String target, String name) throws Exception {
        try (InputStream in = AuthenticatorFuzzTest.class.getResourceAsStream(
                "AuthenticatorFuzzTestInputs/" + target + "/" + name)) {
            return in.readAllBytes();
        }
    }

    /** The request a {@link #request} input describes, or null when its query has a malformed escape. */
    private static TestRequest parse(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 3) {
            return null;
        }
        TestRequest request = new TestRequest(lines[0], lines[1]);
        if (!lines[2].isEmpty()) {
            for (String part : lines[2].split("&", -1)) {
                int eq = part.indexOf('=');
                String name = decode(eq < 0 ? part : part.substring(0, eq));
                String value = eq < 0 ? "" : decode(part.substring(eq + 1));
                if (name == null || value == null || name.isEmpty()) {
                    return null;
                }
                request.param(name, value);
            }
        }
        for (int i = 3; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                // As an HTTP decoder hands it over: without the optional white space around the value.
                request.header(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip());
            }
        }
        return request;
    }

    /** The form fields for a policy document, signed by the SDK over {@code signedText}. */
    private static Map<String, String> form(byte[] json, String signedText) {
        Map<String, String> fields = new HashMap<>();
        fields.put("key", "uploads/${filename}");
        fields.put("Content-Type", "image/png");
        fields.put("policy", Base64.getEncoder().encodeToString(json));
        fields.put("q-sign-algorithm", "sha1");
        fields.put("q-ak", Fixtures.SECRET_ID);
        fields.put("q-key-time", KEY_TIME);
        fields.put("q-signature", new COSSigner().buildPostObjectSignature(Fixtures.SECRET_KEY, KEY_TIME, signedText));
        return fields;
    }

    private static void authenticatesOnlyWhatWasSigned(TestRequest request) {
        Authentication auth;
        try {
            auth = AUTHENTICATOR.authenticate(request, Fixtures.DIRECTORY);
        } catch (AuthenticationException e) {
            isCosError(e.error());
            return;
        }
        if (auth.isAnonymous()) {
            assertThat(request.headerValues("authorization")).as("a signed request became anonymous").isEmpty();
            for (int i = 0; i < request.parameterCount(); i++) {
                assertThat(CARRIER_PARAMS).as("a presigned request became anonymous")
                        .doesNotContain(request.parameterName(i));
            }
            return;
        }
        String signed = SIGNED.stream()
                .filter(a -> auth.secretId().orElseThrow().equals(Fixtures.field(a, "q-ak")))
                .findFirst().orElseThrow(() -> new AssertionError("accepted a SecretId that signed nothing"));
        assertThat(auth.window().orElseThrow().text()).isEqualTo(Fixtures.field(signed, "q-sign-time"));
        List<String> headers = List.of(Fixtures.field(signed, "q-header-list").split(";"));
        List<String> params = List.of(Fixtures.field(signed, "q-url-param-list").split(";"));
        assertThat(covered(request, headers, params)).as("what the signature covers was changed")
                .isEqualTo(covered(GENUINE, headers, params));
    }

    /**
     * What a COS v5 signature with these lists covers in {@code request}: the method in any
     * case, the exact path, and for each listed name every value of the parameters and headers
     * whose {@code lowercase(UrlEncode(name))} it is (header values without surrounding blanks).
     */
    private static List<Object> covered(TestRequest request, List<String> headers, List<String> params) {
        List<Object> out = new ArrayList<>();
        out.add(request.method().toLowerCase(Locale.ROOT));
        out.add(request.path());
        for (String name : params) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < request.parameterCount(); i++) {
                if (encode(request.parameterName(i)).toLowerCase(Locale.ROOT).equals(name)) {
                    values.add(encode(request.parameterValue(i)));
                }
            }
            values.sort(null);
            out.add(name + "=" + values);
        }
        for (String name : headers) {
            List<String> values = new ArrayList<>();
            for (String header : List.of("Host", "x-cos-acl", "Content-Type", "Authorization")) {
                if (encode(header).toLowerCase(Locale.ROOT).equals(name)) {
                    request.headerValues(header).forEach(v -> values.add(encode(v.strip())));
                }
            }
            values.sort(null);
            out.add(name + ":" + values);
        }
        return out;
    }

    /** An accepted form's document has not expired, and the form meets its bucket, key and length conditions. */
    private static void meetsEveryCondition(byte[] json, String bucket) {
        JsonNode policy;
        try {
            policy = JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("accepted a document that is not JSON", e);
        }
        assertThat(OffsetDateTime.parse(policy.get("expiration").asText()).toInstant())
                .isAfterOrEqualTo(Instant.ofEpochSecond(NOW));
        for (JsonNode c : policy.get("conditions")) {
            if (c.isObject()) {
                c.properties().forEach(e -> meets("eq", e.getKey(), e.getValue().asText(), bucket));
            } else if (c.get(0).asText().equalsIgnoreCase("content-length-range")) {
                assertThat(FORM_LENGTH).isBetween(c.get(1).asLong(), c.get(2).asLong());
            } else {
                meets(c.get(0).asText().toLowerCase(Locale.ROOT), c.get(1).asText().substring(1), c.get(2).asText(),
                        bucket);
            }
        }
    }

    private static void meets(String op, String field, String value, String bucket) {
        String actual = field.equalsIgnoreCase("bucket") ? bucket : field.equalsIgnoreCase("key") ? FORM_KEY : null;
        if (actual != null) {
            assertThat(op.equals("eq") ? actual.equals(value) : actual.startsWith(value))
                    .as("accepted a form against its %s condition %s %s", field, op, value).isTrue();
        }
    }

    private static void isCosError(AuthError error) {
        assertThat(error.status()).isIn(400, 403);
        assertThat(error.code()).isNotBlank();
        assertThat(error.message()).isNotBlank().doesNotContain(Fixtures.SECRET_KEY, Fixtures.USER_KEY);
    }

    /** Percent-decodes once, as the classifier does; null for a malformed escape. */
    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else if (i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                return null;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters, upper-case hex. */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
