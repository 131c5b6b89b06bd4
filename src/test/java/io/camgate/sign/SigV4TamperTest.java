package io.camgate.sign;

import static io.camgate.sign.AwsVectors.DIRECTORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of every SigV4 vector, changed on its own, makes the request fail: the method, the
 * path, each header, each query parameter, each part of the Authorization, and an added parameter.
 */
class SigV4TamperTest {
    private static final Map<String, Supplier<AwsRequest>> VECTORS = new LinkedHashMap<>();

    static {
        VECTORS.put("V0", AwsVectors::v0);
        VECTORS.put("V1", AwsVectors::v1);
        VECTORS.put("V1b", AwsVectors::v1b);
        VECTORS.put("V1c", AwsVectors::v1c);
        VECTORS.put("V2", AwsVectors::v2);
        VECTORS.put("V3", AwsVectors::v3);
        VECTORS.put("V3b", AwsVectors::v3b);
        VECTORS.put("V4", AwsVectors::v4);
        VECTORS.put("V4b", AwsVectors::v4b);
        VECTORS.put("V5", AwsVectors::v5);
        VECTORS.put("V6", AwsVectors::v6);
        VECTORS.put("V7", AwsVectors::v7);
    }

    static Stream<Arguments> tamperings() {
        List<Arguments> out = new ArrayList<>();
        VECTORS.forEach((name, supplier) -> {
            AwsRequest v = supplier.get();
            String method = v.method().equals("GET") ? "DELETE" : "GET";
            out.add(Arguments.of(name, "method", v.retarget(method, v.target())));
            String target = v.target();
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            String query = q < 0 ? "" : target.substring(q);
            out.add(Arguments.of(name, "path", v.retarget(v.method(), path + "x" + query)));
            out.add(Arguments.of(name, "path, another key", v.retarget(v.method(), "/other.txt" + query)));
            out.add(Arguments.of(name, "added parameter",
                    v.retarget(v.method(), path + (query.isEmpty() ? "?acl" : query + "&acl"))));
            for (String[] h : v.headers()) {
                if (h[0].equals("Authorization")) {
                    authorizationTamperings(name, v, h[1], out);
                } else {
                    out.add(Arguments.of(name, "header " + h[0], v.withHeader(h[0], changed(h[1]))));
                    out.add(Arguments.of(name, "header " + h[0] + " removed", v.withHeader(h[0], null)));
                }
            }
            if (q >= 0) {
                String[] pairs = target.substring(q + 1).split("&");
                for (int i = 0; i < pairs.length; i++) {
                    int eq = pairs[i].indexOf('=');
                    String param = pairs[i].substring(0, eq);
                    String value = TestRequest.decode(pairs[i].substring(eq + 1));
                    String[] copy = pairs.clone();
                    copy[i] = param + "=" + AwsSigner.encode(changed(value));
                    out.add(Arguments.of(name, "parameter " + param,
                            v.retarget(v.method(), path + "?" + String.join("&", copy))));
                }
            }
        });
        return out.stream();
    }

    private static void authorizationTamperings(String name, AwsRequest v, String auth, List<Arguments> out) {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("access key", auth.replace("AKIDEXAMPLE/", "AKIDEXAMPLF/"));
        changes.put("scope date", auth.replace("/20260115/", "/20260116/"));
        changes.put("scope region", auth.replace("/ap-shanghai/", "/ap-beijing/"));
        changes.put("scope service", auth.replace("/s3/", "/s4/"));
        changes.put("scope terminator", auth.replace("aws4_request", "aws4_requesu"));
        changes.put("signed headers, one less", auth.replace("host;", ""));
        changes.put("signed headers, host dropped", auth.replace(";host", "").replace("host;", ""));
        String signature = auth.substring(auth.indexOf("Signature=") + 10);
        changes.put("signature", auth.replace(signature, changed(signature)));
        changes.put("algorithm", auth.replace("AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA512 "));
        changes.forEach((field, value) -> {
            assertThat(value).as(name + " " + field).isNotEqualTo(auth);
            out.add(Arguments.of(name, "Authorization " + field, v.withHeader("Authorization", value)));
        });
    }

    /** The value with its last character changed (digits counted up, so times and lengths stay readable). */
    static String changed(String value) {
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            return String.valueOf(Long.parseLong(value) + 1);
        }
        if (value.endsWith("Z") && value.length() == 16) {
            return value.substring(0, 14) + "1Z";
        }
        char last = value.isEmpty() ? 'x' : value.charAt(value.length() - 1);
        char other = last == 'a' ? 'b' : last == '=' ? 'A' : 'a';
        return value.isEmpty() ? "x" : value.substring(0, value.length() - 1) + other;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("tamperings")
    void aTamperedVectorIsRefused(String vector, String field, AwsRequest tampered) {
        assertThatThrownBy(() -> AwsVectors.dispatch(tampered, null)).isInstanceOf(AuthenticationException.class);
    }
}
