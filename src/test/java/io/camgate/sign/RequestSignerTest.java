package io.camgate.sign;

import static io.camgate.sign.Fixtures.DIRECTORY;
import static io.camgate.sign.Fixtures.HOST;
import static io.camgate.sign.Fixtures.SECRET_ID;
import static io.camgate.sign.Fixtures.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.identity.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signer writes what the official SDK writes, and the verifier accepts it. */
class RequestSignerTest {
    private static final long START = 1_700_000_000L;

    @Test
    void signsLikeTheSdkAndVerifies() throws Exception {
        TestRequest request = new TestRequest("PUT", "/中文/a b+c.txt")
                .param("versionId", "v 1").param("acl", "").param("x*y", "a/b")
                .header("Host", HOST).header("Content-Type", "text/plain").header("x-cos-acl", "private")
                .header("User-Agent", "unsigned");
        String ours = RequestSigner.authorization(request, SECRET_ID, SECRET_KEY, START, START + 600,
                List.of("host", "content-type", "x-cos-acl", "content-md5"));
        String sdk = Fixtures.sdkSign("PUT", "/中文/a b+c.txt",
                Map.of("host", HOST, "content-type", "text/plain", "x-cos-acl", "private"),
                Map.of("versionId", "v 1", "acl", "", "x*y", "a/b"), SECRET_ID, SECRET_KEY, START, START + 600);
        assertThat(ours).isEqualTo(sdk);

        Authenticator authenticator = new Authenticator(SignatureRules.DEFAULTS,
                new TemporaryCredentials(Fixtures.at(START)), Fixtures.at(START));
        assertThat(authenticator.authenticate(request.header("Authorization", ours), DIRECTORY).principal())
                .isEqualTo(new Principal.Root(Fixtures.ROOT_UIN));
    }
}
