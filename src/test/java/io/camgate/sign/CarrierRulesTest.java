package io.camgate.sign;

import static io.camgate.sign.Fixtures.DIRECTORY;
import static io.camgate.sign.Fixtures.HOST;
import static io.camgate.sign.Fixtures.SECRET_ID;
import static io.camgate.sign.Fixtures.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qcloud.cos.auth.BasicCOSCredentials;
import com.qcloud.cos.auth.COSSigner;
import com.qcloud.cos.http.HttpMethodName;
import io.camgate.sign.SdkVectorsTest.Way;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every time and host rule holds in every carrier (threats.md §5.5: one carrier must not miss a
 * check another makes): expired, future and over-long windows, a key window that ended, an
 * unsigned Host, and a signed request replayed against another bucket.
 */
class CarrierRulesTest {
    private static final long NOW = 1_700_000_000L;
    private static final long SKEW = 15 * 60;
    private static final String OTHER_HOST = "source-1250000001.cos.ap-guangzhou.myqcloud.com";

    private static Authenticator authenticator(SignatureRules rules) {
        return new Authenticator(rules, new TemporaryCredentials(Fixtures.at(NOW)), Fixtures.at(NOW));
    }

    private static TestRequest get(String host) {
        return new TestRequest("GET", "/a.txt").header("Host", host);
    }

    private static String sign(long start, long end, boolean signHost) {
        return new COSSigner().buildAuthorizationStr(HttpMethodName.GET, "/a.txt",
                signHost ? Map.of("host", HOST) : Map.of(), Map.of(), new BasicCOSCredentials(SECRET_ID, SECRET_KEY),
                new Date(start * 1000), new Date(end * 1000), signHost);
    }

    private static void refused(Way way, String host, String authorization, AuthError error) {
        TestRequest request = SdkVectorsTest.carry(get(host), authorization, way);
        assertThatThrownBy(() -> authenticator(SignatureRules.DEFAULTS).authenticate(request, DIRECTORY))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    private static Authentication accepted(Way way, String host, String authorization, SignatureRules rules)
            throws AuthenticationException {
        return authenticator(rules).authenticate(SdkVectorsTest.carry(get(host), authorization, way), DIRECTORY);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aWindowThatEndedIsExpired(Way way) {
        refused(way, HOST, sign(NOW - 7200, NOW - 1, true), AuthError.REQUEST_EXPIRED);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aWindowStartingBeyondTheSkewIsTooSkewedAndOneWithinItIsAccepted(Way way) throws Exception {
        refused(way, HOST, sign(NOW + SKEW + 1, NOW + 7200, true), AuthError.REQUEST_TIME_TOO_SKEWED);
        assertThat(accepted(way, HOST, sign(NOW + SKEW, NOW + 7200, true), SignatureRules.DEFAULTS).isAnonymous())
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aWindowLongerThanSevenDaysIsRefused(Way way) {
        refused(way, HOST, sign(NOW - 10, NOW - 10 + 7 * 86400 + 1, true), AuthError.WINDOW_TOO_LONG);
    }

    /** The SDK signs one window for both fields; a client may send a key window that already ended. */
    @ParameterizedTest
    @EnumSource(Way.class)
    void aKeyWindowThatEndedIsExpiredWhateverTheSignWindow(Way way) {
        String authorization = Fixtures.replaceField(sign(NOW - 10, NOW + 600, true), "q-key-time",
                (NOW - 7200) + ";" + (NOW - 1));
        refused(way, HOST, authorization, AuthError.REQUEST_EXPIRED);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void anUnsignedHostIsRefused(Way way) {
        refused(way, HOST, sign(NOW - 10, NOW + 600, false), AuthError.HOST_NOT_SIGNED);
        refused(way, OTHER_HOST, sign(NOW - 10, NOW + 600, false), AuthError.HOST_NOT_SIGNED);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aSignedRequestReplayedOnAnotherBucketFails(Way way) {
        refused(way, OTHER_HOST, sign(NOW - 10, NOW + 600, true), AuthError.SIGNATURE_DOES_NOT_MATCH);
        refused(way, HOST + ".", sign(NOW - 10, NOW + 600, true), AuthError.SIGNATURE_DOES_NOT_MATCH);
    }

    /**
     * Why requireSignedHost is on by default: with it off, a signature that leaves Host out is
     * valid for every bucket the key may reach (the replay threats.md §5.5 names).
     */
    @ParameterizedTest
    @EnumSource(Way.class)
    void withTheHostRuleOffAnUnsignedHostReplaysOnAnotherBucket(Way way) throws Exception {
        SignatureRules lax = SignatureRules.DEFAULTS.withRequireSignedHost(false);
        assertThat(accepted(way, OTHER_HOST, sign(NOW - 10, NOW + 600, false), lax).isHeaderSigned("host")).isFalse();
    }
}
