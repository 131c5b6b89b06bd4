package io.camgate.sign;

import static io.camgate.sign.Fixtures.DIRECTORY;
import static io.camgate.sign.Fixtures.HOST;
import static io.camgate.sign.Fixtures.SECRET_ID;
import static io.camgate.sign.Fixtures.SECRET_KEY;
import static io.camgate.sign.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import com.qcloud.cos.auth.BasicCOSCredentials;
import com.qcloud.cos.auth.COSSigner;
import com.qcloud.cos.http.HttpMethodName;
import io.camgate.identity.AccessKey;
import io.camgate.identity.Directory;
import io.camgate.identity.KeyStatus;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Time windows, the signed-host rule, key status, malformed authorizations and carrier dispatch. */
class AuthenticatorRulesTest {
    private static final long NOW = 1_700_000_000L;

    private static Authenticator authenticator(SignatureRules rules) {
        return new Authenticator(rules, new TemporaryCredentials(Fixtures.at(NOW)), Fixtures.at(NOW));
    }

    private static TestRequest get() {
        return new TestRequest("GET", "/a.txt").header("Host", HOST);
    }

    private static TestRequest signed(long start, long end) {
        return signed(SECRET_ID, SECRET_KEY, start, end);
    }

    private static TestRequest signed(String id, String key, long start, long end) {
        return get().header("Authorization", Fixtures.sdkSign(get(), id, key, start, end));
    }

    private static Authentication authenticate(TestRequest request) throws AuthenticationException {
        return authenticator(SignatureRules.DEFAULTS).authenticate(request, DIRECTORY);
    }

    @Test
    void anUnsignedRequestIsAnonymous() throws Exception {
        Authentication auth = authenticate(get().header(Authenticator.TOKEN, "stray"));
        assertThat(auth.principal()).isEqualTo(Principal.ANONYMOUS);
        assertThat(auth.isAnonymous()).isTrue();
        assertThat(auth.secretId()).isEmpty();
        assertThat(auth.isHeaderSigned("host")).isFalse();
    }

    @Test
    void aSubUserKeySpeaksForTheSubUser() throws Exception {
        assertThat(authenticate(signed(Fixtures.USER_ID, Fixtures.USER_KEY, NOW - 60, NOW + 600)).principal())
                .isEqualTo(new Principal.SubUser(Fixtures.USER_UIN, Fixtures.ROOT_UIN));
    }

    @Test
    void windowsThatEndedAreExpired() {
        assertRejected(() -> authenticate(signed(NOW - 3600, NOW - 1)), "AccessDenied", 403);
        assertThatThrownBy(() -> authenticate(signed(NOW - 3600, NOW - 1)))
                .hasMessageContaining("Request has expired");
    }

    @Test
    void aKeyTimeThatEndedIsExpiredEvenWhenTheSignTimeHasNot() {
        String authorization = signed(NOW - 3600, NOW + 600).headerValues("Authorization").get(0);
        TestRequest request = get().header("Authorization",
                Fixtures.replaceField(authorization, "q-key-time", (NOW - 3600) + ";" + (NOW - 1)));
        assertRejected(() -> authenticate(request), "AccessDenied", 403);
        assertThatThrownBy(() -> authenticate(request)).hasMessageContaining("Request has expired");
    }

    @Test
    void theLastSecondOfAWindowStillCounts() throws Exception {
        assertThat(authenticate(signed(NOW - 3600, NOW)).isAnonymous()).isFalse();
    }

    @Test
    void windowsStartingBeyondTheSkewAreTooSkewed() throws Exception {
        assertRejected(() -> authenticate(signed(NOW + 15 * 60 + 1, NOW + 3600)), "RequestTimeTooSkewed", 403);
        assertThat(authenticate(signed(NOW + 15 * 60, NOW + 3600)).isAnonymous()).isFalse();
    }

    @Test
    void windowsLongerThanTheMaximumAreRefused() throws Exception {
        SignatureRules oneHour = SignatureRules.DEFAULTS.withMaxWindow(Duration.ofHours(1));
        assertThat(authenticator(oneHour).authenticate(signed(NOW - 10, NOW + 3590), DIRECTORY).isAnonymous())
                .isFalse();
        assertRejected(() -> authenticator(oneHour).authenticate(signed(NOW - 10, NOW + 3591), DIRECTORY),
                "AccessDenied", 403);
        assertRejected(() -> authenticate(signed(NOW - 10, NOW + 8 * 86400)), "AccessDenied", 403);
    }

    @Test
    void anUnsignedHostIsRefusedByDefaultAndAcceptedWhenAllowed() throws Exception {
        String hostless = new COSSigner().buildAuthorizationStr(
                HttpMethodName.GET, "/a.txt", Map.of(), Map.of(),
                new BasicCOSCredentials(SECRET_ID, SECRET_KEY),
                new Date((NOW - 10) * 1000), new Date((NOW + 600) * 1000), false);
        assertThat(Fixtures.field(hostless, "q-header-list")).isEmpty();
        TestRequest request = get().header("Authorization", hostless);
        assertRejected(() -> authenticate(request), "AccessDenied", 403);
        SignatureRules lax = SignatureRules.DEFAULTS.withRequireSignedHost(false);
        assertThat(authenticator(lax).authenticate(request, DIRECTORY).principal())
                .isEqualTo(new Principal.Root(Fixtures.ROOT_UIN));
    }

    @Test
    void inactiveAndUnknownKeysAreInvalidAccessKeyIds() {
        assertRejected(() -> authenticate(signed(Fixtures.INACTIVE_ID, Fixtures.INACTIVE_KEY, NOW - 10, NOW + 600)),
                "InvalidAccessKeyId", 403);
        assertRejected(() -> authenticate(signed("AKIDnobody", "whatever", NOW - 10, NOW + 600)),
                "InvalidAccessKeyId", 403);
    }

    @Test
    void aSignedHeaderMissingFromTheRequestFailsTheSignature() {
        TestRequest request = signed(NOW - 10, NOW + 600);
        String authorization = request.headerValues("Authorization").get(0);
        TestRequest withDate = get().header("Authorization",
                Fixtures.replaceField(authorization, "q-header-list", "date;host"));
        assertRejected(() -> authenticate(withDate), "SignatureDoesNotMatch", 403);
        TestRequest withParam = get().header("Authorization",
                Fixtures.replaceField(authorization, "q-url-param-list", "acl"));
        assertRejected(() -> authenticate(withParam), "SignatureDoesNotMatch", 403);
    }

    @Test
    void debuggingAttachesStringToSignAndFormatStringOnlyWhenSwitchedOn() {
        TestRequest request = signed(NOW - 10, NOW + 600).copy("PUT", "/a.txt");
        assertThatThrownBy(() -> authenticate(request)).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.error().stringToSign()).isNull();
            assertThat(e.error().formatString()).isNull();
        });
        assertThatThrownBy(() -> authenticator(SignatureRules.DEFAULTS.withDebugMismatch(true))
                .authenticate(request, DIRECTORY)).isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.error().formatString()).isEqualTo("put\n/a.txt\n\nhost=" + HOST + "\n");
                    assertThat(e.error().stringToSign()).startsWith("sha1\n" + (NOW - 10) + ";" + (NOW + 600) + "\n");
                    assertThat(e.error().toString()).doesNotContain(SECRET_KEY);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "q-sign-algorithm=sha256&q-ak=AK&q-sign-time=1;2&q-key-time=1;2&q-header-list=host&q-url-param-list="
                + "&q-signature=0000000000000000000000000000000000000000",
        "q-ak=AK&q-sign-time=1;2&q-key-time=1;2&q-header-list=host&q-url-param-list="
                + "&q-signature=0000000000000000000000000000000000000000",
        "q-sign-algorithm=sha1&q-ak=AK&q-sign-time=1;2&q-key-time=1;2&q-header-list=host"
                + "&q-signature=0000000000000000000000000000000000000000",
        "q-sign-algorithm=sha1&q-ak=AK&q-sign-time=12&q-key-time=1;2&q-header-list=host&q-url-param-list="
                + "&q-signature=0000000000000000000000000000000000000000",
        "q-sign-algorithm=sha1&q-ak=AK&q-sign-time=1;2&q-key-time=2;1&q-header-list=host&q-url-param-list="
                + "&q-signature=0000000000000000000000000000000000000000",
        "q-sign-algorithm=sha1&q-ak=AK&q-sign-time=1;2&q-key-time=-1;2&q-header-list=host&q-url-param-list="
                + "&q-signature=0000000000000000000000000000000000000000",
        "q-sign-algorithm=sha1&q-ak=AK&q-sign-time=1;2&q-key-time=01;2&q-header-list=host&q-url-param-list="
                + "&q-signature=0000000000000000000000000000000000000000",
        "q-sign-algorithm=sha1&q-ak=AK&q-sign-time=1;2&q-key-time=1;2&q-header-list=host&q-url-param-list="
                + "&q-signature=00000",
        "q-sign-algorithm=sha1&q-ak=AK&q-ak=AK&q-sign-time=1;2&q-key-time=1;2&q-header-list=host"
                + "&q-url-param-list=&q-signature=0000000000000000000000000000000000000000",
        "q-sign-algorithm=sha1&q-ak=AK&q-sign-time=1;2&q-key-time=1;2&q-header-list=host;;date"
                + "&q-url-param-list=&q-signature=0000000000000000000000000000000000000000",
        "q-sign-algorithm=sha1&q-ak=AK&q-sign-time=1;2&q-key-time=1;2&q-header-list=host;host"
                + "&q-url-param-list=&q-signature=0000000000000000000000000000000000000000",
        "q-sign-algorithm=sha1&q-ak=AK&q-sign-time=1;2&q-key-time=1;2&q-header-list=host&q-url-param-list="
                + "&q-signature=0000000000000000000000000000000000000000&q-extra=1",
        "garbage",
        "",
    })
    void malformedAuthorizationsAre400(String authorization) {
        assertRejected(() -> authenticate(get().header("Authorization", authorization)), "InvalidArgument", 400);
    }

    @Test
    void aRequestWithTwoSignaturesIsRefused() {
        TestRequest request = signed(NOW - 10, NOW + 600);
        String authorization = request.headerValues("Authorization").get(0);
        assertRejected(() -> authenticate(request.copy("GET", "/a.txt").param("sign", authorization)),
                "InvalidArgument", 400);
        assertRejected(() -> authenticate(request.copy("GET", "/a.txt").param("q-ak", SECRET_ID)),
                "InvalidArgument", 400);
        assertRejected(() -> authenticate(request.copy("GET", "/a.txt").header("Authorization", authorization)),
                "InvalidArgument", 400);
    }

    @Test
    void anIncompletePresignedUrlIsRefused() {
        assertRejected(() -> authenticate(get().param("q-signature", "0000000000000000000000000000000000000000")),
                "InvalidArgument", 400);
    }

    @Test
    void aRotatedSecretTakesEffectDespiteTheSignKeyCache() throws Exception {
        Authenticator authenticator = authenticator(SignatureRules.DEFAULTS);
        TestRequest oldSecret = signed(NOW - 10, NOW + 600);
        assertThat(authenticator.authenticate(oldSecret, DIRECTORY).isAnonymous()).isFalse();
        Directory rotated = new Directory(List.of(
                new RootAccount(Fixtures.ROOT_UIN, Fixtures.APPID, List.of(
                        new AccessKey(SECRET_ID, "aNewSecret", KeyStatus.ACTIVE,
                                Fixtures.ROOT_UIN)), List.of(), List.of(), List.of())),
                Map.of());
        assertRejected(() -> authenticator.authenticate(oldSecret, rotated), "SignatureDoesNotMatch", 403);
    }
}
