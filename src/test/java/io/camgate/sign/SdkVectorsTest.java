package io.camgate.sign;

import static io.camgate.sign.Fixtures.DIRECTORY;
import static io.camgate.sign.Fixtures.HOST;
import static io.camgate.sign.Fixtures.SECRET_ID;
import static io.camgate.sign.Fixtures.SECRET_KEY;
import static io.camgate.sign.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.identity.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signatures made during the test by the official COS Java SDK ({@code COSSigner}) over a
 * matrix of methods, keys, headers and parameters, verified in each of the three carriers, and
 * refused once any signed part is changed.
 */
class SdkVectorsTest {
    private static final long START = 1_700_000_000L;
    private static final long END = START + 3600;
    private static final Authenticator AUTHENTICATOR = new Authenticator(SignatureRules.DEFAULTS,
            new TemporaryCredentials(Fixtures.at(START + 10)), Fixtures.at(START + 10));

    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "HEAD");
    private static final List<String> PATHS = List.of(
            "/exampleobject",
            "/中文 目录/文件(1).txt",
            "/a b+c~d*e!'()$,;=@",
            "/a//b",
            "/../x",
            "/a/./b/.",
            "/emoji 😀.png",
            "/100%25 literal %2F",
            "/" + "long-key/".repeat(250) + "end",
            "/examplebucket-1250000000/path-style/key");
    private static final List<Map<String, String>> HEADERS = List.of(
            headers("host", HOST),
            headers("host", HOST, "content-type", "text/plain; charset=utf-8", "content-md5",
                    "mQ/fVh815F3k6TAUm8m0eg==", "x-cos-acl", "public-read", "x-cos-meta-author", "张 三 +~*",
                    "range", "bytes=0-9"));
    private static final List<Map<String, String>> PARAMS = List.of(
            Map.of(),
            headers("acl", ""),
            headers("response-content-type", "application/octet-stream", "response-cache-control", "max-age=600",
                    "versionId", "MTg0NDUxNzgyMzQ3ODE5NjYwNDU"),
            headers("prefix", "a/b c+d&e=f", "delimiter", "/", "max-keys", "10", "encoding-type", "url",
                    "x*y", "1"));

    /** Where the signature travels. */
    enum Way {
        HEADER, QUERY, SIGN
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    /** One request of the matrix, unsigned, with an unsigned User-Agent the verifier must ignore. */
    private static TestRequest request(String method, String path, Map<String, String> headers,
            Map<String, String> params) {
        TestRequest r = new TestRequest(method, path);
        params.forEach(r::param);
        headers.forEach((k, v) -> r.header(k.toUpperCase(java.util.Locale.ROOT).charAt(0) + k.substring(1), v));
        return r.header("User-Agent", "cos-java-sdk-v5.6.265");
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String method : METHODS) {
            for (String path : PATHS) {
                for (int h = 0; h < HEADERS.size(); h++) {
                    for (int p = 0; p < PARAMS.size(); p++) {
                        out.add(Arguments.of(method, path, HEADERS.get(h), PARAMS.get(p)));
                    }
                }
            }
        }
        return out.stream();
    }

    /** The request with its signature carried the given way. */
    static TestRequest carry(TestRequest request, String authorization, Way way) {
        switch (way) {
            case HEADER:
                return request.copy(request.method(), request.path()).header("Authorization", authorization);
            case SIGN:
                return request.copy(request.method(), request.path()).param("sign", authorization);
            default:
                // Pre-signed URL: every q-* field a separate parameter, percent-encoded on the wire
                // (';' as %3B, or %3b as Node sends the lists) and decoded once by the classifier.
                StringBuilder query = new StringBuilder();
                for (String field : authorization.split("&")) {
                    int eq = field.indexOf('=');
                    String name = field.substring(0, eq);
                    String semicolon = name.endsWith("-list") ? "%3b" : "%3B";
                    query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                            .append(field.substring(eq + 1).replace("%", "%25").replace(";", semicolon));
                }
                return request.copy(request.method(), request.path()).rawQuery(query.toString());
        }
    }

    @ParameterizedTest(name = "{0} {1} headers={2} params={3}")
    @MethodSource("matrix")
    void sdkSignaturesVerifyInEveryCarrier(String method, String path, Map<String, String> headers,
            Map<String, String> params) throws Exception {
        TestRequest request = request(method, path, headers, params);
        String authorization = Fixtures.sdkSign(method, path, headers, params, SECRET_ID, SECRET_KEY, START, END);
        for (Way way : Way.values()) {
            Authentication auth = AUTHENTICATOR.authenticate(carry(request, authorization, way), DIRECTORY);
            assertThat(auth.principal()).as(way.name()).isEqualTo(new Principal.Root(Fixtures.ROOT_UIN));
        }
    }

    static Stream<Arguments> tampering() {
        List<Arguments> out = new ArrayList<>();
        Map<String, UnaryOperator<String>> fields = new LinkedHashMap<>();
        fields.put("q-ak", a -> Fixtures.replaceField(a, "q-ak", Fixtures.USER_ID));
        fields.put("q-sign-time", a -> Fixtures.replaceField(a, "q-sign-time", (START - 1) + ";" + END));
        fields.put("q-key-time", a -> Fixtures.replaceField(a, "q-key-time", START + ";" + (END - 1)));
        fields.put("q-header-list", a -> Fixtures.replaceField(a, "q-header-list",
                Fixtures.field(a, "q-header-list").replace("content-type;", "")));
        fields.put("q-url-param-list", a -> Fixtures.replaceField(a, "q-url-param-list",
                Fixtures.field(a, "q-url-param-list").replace("response-content-type;", "")));
        fields.put("q-signature", a -> {
            String s = Fixtures.field(a, "q-signature");
            return Fixtures.replaceField(a, "q-signature", s.substring(0, 39) + (s.charAt(39) == '0' ? '1' : '0'));
        });
        for (Way way : Way.values()) {
            for (Map.Entry<String, UnaryOperator<String>> e : fields.entrySet()) {
                out.add(Arguments.of(way, e.getKey(), e.getValue()));
            }
        }
        return out.stream();
    }

    private static final Map<String, String> RICH_HEADERS = HEADERS.get(1);
    private static final Map<String, String> RICH_PARAMS = PARAMS.get(2);

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tampering")
    void aTamperedFieldFails(Way way, String field, UnaryOperator<String> tamper) {
        TestRequest request = request("GET", "/a/b.txt", RICH_HEADERS, RICH_PARAMS);
        String authorization = Fixtures.sdkSign("GET", "/a/b.txt", RICH_HEADERS, RICH_PARAMS, SECRET_ID, SECRET_KEY,
                START, END);
        String tampered = tamper.apply(authorization);
        assertThat(tampered).isNotEqualTo(authorization);
        assertRejected(() -> AUTHENTICATOR.authenticate(carry(request, tampered, way), DIRECTORY),
                "SignatureDoesNotMatch", 403);
    }

    static Stream<Arguments> requestTampering() {
        Map<String, UnaryOperator<TestRequest>> changes = new LinkedHashMap<>();
        changes.put("signed header value", r -> r.withHeader("x-cos-acl", "private"));
        changes.put("signed header removed", r -> r.withHeader("content-md5", null));
        changes.put("signed header repeated", r -> r.header("x-cos-acl", "private"));
        changes.put("signed param value", r -> r.withParam("response-content-type", "text/html"));
        changes.put("signed param removed", r -> r.withParam("versionId", null));
        changes.put("signed param repeated", r -> r.param("versionId", "other"));
        changes.put("signed param in another case", r -> r.param("VersionId", "x"));
        changes.put("path", r -> r.copy(r.method(), "/a/b.txT"));
        changes.put("path with encoded slash", r -> r.copy(r.method(), "/a%2Fb.txt"));
        changes.put("method", r -> r.copy("PUT", r.path()));
        List<Arguments> out = new ArrayList<>();
        for (Way way : Way.values()) {
            changes.forEach((name, change) -> out.add(Arguments.of(way, name, change)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requestTampering")
    void aChangedRequestFails(Way way, String change, UnaryOperator<TestRequest> tamper) {
        TestRequest request = request("GET", "/a/b.txt", RICH_HEADERS, RICH_PARAMS);
        String authorization = Fixtures.sdkSign("GET", "/a/b.txt", RICH_HEADERS, RICH_PARAMS, SECRET_ID, SECRET_KEY,
                START, END);
        TestRequest changed = tamper.apply(carry(request, authorization, way));
        assertRejected(() -> AUTHENTICATOR.authenticate(changed, DIRECTORY), "SignatureDoesNotMatch", 403);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void unsignedExtrasDoNotBreakTheSignature(Way way) throws Exception {
        TestRequest request = request("GET", "/a/b.txt", RICH_HEADERS, RICH_PARAMS);
        String authorization = Fixtures.sdkSign("GET", "/a/b.txt", RICH_HEADERS, RICH_PARAMS, SECRET_ID, SECRET_KEY,
                START, END);
        Authentication auth = AUTHENTICATOR.authenticate(
                carry(request, authorization, way).param("unsigned", "1").header("X-Forwarded-For", "10.0.0.1"),
                DIRECTORY);
        assertThat(auth.isParameterSigned("unsigned")).isFalse();
        assertThat(auth.isParameterSigned("VERSIONID")).isTrue();
        assertThat(auth.isHeaderSigned("x-forwarded-for")).isFalse();
        assertThat(auth.carrier()).isEqualTo(switch (way) {
            case HEADER -> Carrier.HEADER;
            case QUERY -> Carrier.QUERY;
            case SIGN -> Carrier.SIGN_PARAMETER;
        });
    }
}
