package io.camgate.sign;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qcloud.cos.auth.BasicCOSCredentials;
import com.qcloud.cos.auth.COSSigner;
import com.qcloud.cos.http.HttpMethodName;
import io.camgate.identity.AccessKey;
import io.camgate.identity.Directory;
import io.camgate.identity.KeyStatus;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;

/** The accounts and helpers the signature tests share. */
final class Fixtures {
    /** The documented credentials of COS's signature examples. */
    static final String APPID = "1250000000";
    static final String ROOT_UIN = "100000000001";
    static final String SECRET_ID = "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q";
    static final String SECRET_KEY = "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz";
    static final String USER_UIN = "100000000011";
    static final String USER_ID = "AKIDsubuser000000000000000000000001";
    static final String USER_KEY = "subUserSecretKey0000000000000001";
    static final String INACTIVE_ID = "AKIDinactive00000000000000000000001";
    static final String INACTIVE_KEY = "inactiveSecretKey000000000000001";
    static final String HOST = "examplebucket-1250000000.cos.ap-beijing.myqcloud.com";

    static final Directory DIRECTORY = new Directory(List.of(new RootAccount(ROOT_UIN, APPID,
            List.of(new AccessKey(SECRET_ID, SECRET_KEY, KeyStatus.ACTIVE, ROOT_UIN),
                    new AccessKey(INACTIVE_ID, INACTIVE_KEY, KeyStatus.INACTIVE, ROOT_UIN)),
            List.of(new SubUser(USER_UIN, "alice", ROOT_UIN, List.of(), List.of(),
                    List.of(new AccessKey(USER_ID, USER_KEY, KeyStatus.ACTIVE, USER_UIN)))),
            List.of(), List.of())), Map.of());

    private Fixtures() {
    }

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    /** The authorization string the official Java SDK builds. */
    static String sdkSign(String method, String path, Map<String, String> headers, Map<String, String> params,
            String secretId, String secretKey, long start, long end) {
        return new COSSigner().buildAuthorizationStr(HttpMethodName.valueOf(method), path, headers, params,
                new BasicCOSCredentials(secretId, secretKey), new Date(start * 1000), new Date(end * 1000), true);
    }

    /** Signs {@code request} with the SDK over all its headers and parameters, as the SDK would. */
    static String sdkSign(TestRequest request, String secretId, String secretKey, long start, long end) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : List.of("host", "content-type", "content-md5", "x-cos-acl", "x-cos-meta-author", "range")) {
            request.headerValues(name).forEach(v -> headers.put(name, v));
        }
        for (int i = 0; i < request.parameterCount(); i++) {
            params.put(request.parameterName(i), request.parameterValue(i));
        }
        return sdkSign(request.method(), request.path(), headers, params, secretId, secretKey, start, end);
    }

    /** The value of field {@code name} in an authorization string. */
    static String field(String authorization, String name) {
        for (String part : authorization.split("&")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** The authorization string with field {@code name} set to {@code value}. */
    static String replaceField(String authorization, String name, String value) {
        return authorization.replace(name + "=" + field(authorization, name), name + "=" + value);
    }

    static void assertRejected(ThrowableAssert.ThrowingCallable call, String code, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.error().code()).isEqualTo(code);
            org.assertj.core.api.Assertions.assertThat(e.error().status()).isEqualTo(status);
        });
    }
}
