package io.camgate.sign;

import static io.camgate.sign.Fixtures.DIRECTORY;
import static io.camgate.sign.Fixtures.HOST;
import static io.camgate.sign.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.identity.Principal;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyParser;
import io.camgate.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Temporary credentials: issuing, lifetimes, and requests signed with them. */
class TemporaryCredentialsTest {
    private static final long T0 = 1_700_000_000L;
    private static final Principal ROOT = new Principal.Root(Fixtures.ROOT_UIN);
    private static final Principal USER = new Principal.SubUser(Fixtures.USER_UIN, Fixtures.ROOT_UIN);


    private SettableClock clock;
    private TemporaryCredentials store;
    private Authenticator authenticator;

    @BeforeEach
    void setUp() {
        clock = new SettableClock(Instant.ofEpochSecond(T0));
        store = new TemporaryCredentials(clock);
        authenticator = new Authenticator(SignatureRules.DEFAULTS, store, clock);
    }

    private static TestRequest signedWith(TemporaryCredential c) {
        long now = T0;
        TestRequest request = new TestRequest("GET", "/a.txt").header("Host", HOST);
        return request.header("Authorization", Fixtures.sdkSign(request, c.secretId(), c.secretKey(), now - 10,
                now + 7200));
    }

    @Test
    void aRequestWithTheTokenInTheHeaderSpeaksForTheHolder() throws Exception {
        TemporaryCredential c = store.issue(USER);
        Authentication auth = authenticator.authenticate(signedWith(c).header(Authenticator.TOKEN, c.token()),
                DIRECTORY);
        assertThat(auth.principal()).isEqualTo(USER);
        assertThat(auth.secretId()).contains(c.secretId());
        assertThat(auth.sessionPolicy()).isEmpty();
        assertThat(c.expiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 1800));
    }

    @Test
    void theTokenMayTravelInThePresignedUrlAndBeSigned() throws Exception {
        TemporaryCredential c = store.issue(ROOT);
        TestRequest request = new TestRequest("GET", "/a.txt").header("Host", HOST).header(Authenticator.TOKEN, c.token());
        // The Go SDK signs every x-cos-* header, the token included.
        java.util.Map<String, String> headers = Map.of("host", HOST, Authenticator.TOKEN, c.token());
        String signedToken = Fixtures.sdkSign("GET", "/a.txt", headers, Map.of(), c.secretId(),
                c.secretKey(), T0 - 10, T0 + 600);
        assertThat(Fixtures.field(signedToken, "q-header-list")).contains(Authenticator.TOKEN);
        assertThat(authenticator.authenticate(request.header("Authorization", signedToken), DIRECTORY).principal())
                .isEqualTo(ROOT);

        TestRequest presigned = SdkVectorsTest.carry(new TestRequest("GET", "/a.txt").header("Host", HOST),
                Fixtures.sdkSign(new TestRequest("GET", "/a.txt").header("Host", HOST), c.secretId(), c.secretKey(),
                        T0 - 10, T0 + 600), SdkVectorsTest.Way.QUERY).param(Authenticator.TOKEN, c.token());
        assertThat(authenticator.authenticate(presigned, DIRECTORY).carrier()).isEqualTo(Carrier.QUERY);
    }

    @Test
    void aWrongOrMissingTokenIsRefused() {
        TemporaryCredential c = store.issue(USER);
        TemporaryCredential other = store.issue(USER);
        assertRejected(() -> authenticator.authenticate(signedWith(c), DIRECTORY), "AccessDenied", 403);
        assertRejected(() -> authenticator.authenticate(signedWith(c).header(Authenticator.TOKEN, other.token()),
                DIRECTORY), "AccessDenied", 403);
        assertRejected(() -> authenticator.authenticate(signedWith(c).header(Authenticator.TOKEN, c.token() + "x"),
                DIRECTORY), "AccessDenied", 403);
    }

    @Test
    void aTokenWithAPermanentKeyIsRefused() {
        TemporaryCredential c = store.issue(ROOT);
        TestRequest request = new TestRequest("GET", "/a.txt").header("Host", HOST);
        TestRequest signed = request.header("Authorization",
                Fixtures.sdkSign(request, Fixtures.SECRET_ID, Fixtures.SECRET_KEY, T0 - 10, T0 + 600))
                .header(Authenticator.TOKEN, c.token());
        assertRejected(() -> authenticator.authenticate(signed, DIRECTORY), "AccessDenied", 403);
    }

    @Test
    void anExpiredCredentialIsExpiredToken() {
        TemporaryCredential c = store.issue(USER, Duration.ofSeconds(900), null);
        TestRequest request = signedWith(c).header(Authenticator.TOKEN, c.token());
        clock.advance(Duration.ofSeconds(901));
        assertRejected(() -> authenticator.authenticate(request, DIRECTORY), "ExpiredToken", 400);
    }

    @Test
    void aCredentialForAHolderNoLongerInTheDirectoryIsUnknown() {
        TemporaryCredential c = store.issue(new Principal.SubUser("999", Fixtures.ROOT_UIN));
        assertRejected(() -> authenticator.authenticate(signedWith(c).header(Authenticator.TOKEN, c.token()),
                DIRECTORY), "InvalidAccessKeyId", 403);
    }

    @Test
    void lifetimesAreCappedByHolderKind() {
        assertThat(store.issue(ROOT, Duration.ofSeconds(7200), null).expiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 7200));
        assertThatThrownBy(() -> store.issue(ROOT, Duration.ofSeconds(7201), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.issue(USER, Duration.ofSeconds(129600), null).expiresAt())
                .isEqualTo(Instant.ofEpochSecond(T0 + 129600));
        assertThatThrownBy(() -> store.issue(USER, Duration.ofSeconds(129601), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.issue(USER, Duration.ZERO, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.issue(Principal.ANONYMOUS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSessionPolicyTravelsWithTheAuthentication() throws Exception {
        PolicyDocument policy = PolicyParser.parse("session", "session", PolicyKind.USER,
                "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/cos:GetObject\"],"
                        + "\"resource\":[\"*\"]}]}");
        TemporaryCredential c = store.issue(USER, Duration.ofHours(1), policy);
        Authentication auth = authenticator.authenticate(signedWith(c).header(Authenticator.TOKEN, c.token()),
                DIRECTORY);
        assertThat(auth.sessionPolicy()).contains(policy);
    }

    @Test
    void theStoreIsBoundedAndForgetsLongExpiredCredentials() {
        TemporaryCredentials small = new TemporaryCredentials(clock, 2);
        TemporaryCredential first = small.issue(USER, Duration.ofSeconds(60), null);
        small.issue(USER, Duration.ofSeconds(60), null);
        assertThatThrownBy(() -> small.issue(USER)).isInstanceOf(IllegalStateException.class);
        clock.advance(Duration.ofSeconds(60 + 3601));
        assertThat(small.issue(USER).secretId()).startsWith(TemporaryCredentials.SECRET_ID_PREFIX);
        assertThat(small.find(first.secretId())).isEmpty();
    }

    @Test
    void toStringKeepsSecretsOut() {
        TemporaryCredential c = store.issue(USER);
        assertThat(c.toString()).contains(c.secretId()).doesNotContain(c.secretKey()).doesNotContain(c.token());
    }
}
