package io.camgate.sign;

import static io.camgate.sign.Fixtures.DIRECTORY;
import static io.camgate.sign.Fixtures.HOST;
import static io.camgate.sign.Fixtures.SECRET_ID;
import static io.camgate.sign.Fixtures.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.identity.Principal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The published examples of COS's signature documentation (reference §1.2), recomputed exactly. */
class DocumentedVectorsTest {
    private static final String VECTOR_A_TIME = "1557989151;1557996351";
    private static final String VECTOR_B_TIME = "1557989753;1557996953";

    private static TestRequest vectorA() {
        return new TestRequest("PUT", "/exampleobject(腾讯云)")
                .header("Date", "Thu, 16 May 2019 06:45:51 GMT")
                .header("Host", HOST)
                .header("Content-Type", "text/plain")
                .header("Content-Length", "13")
                .header("Content-MD5", "mQ/fVh815F3k6TAUm8m0eg==")
                .header("x-cos-acl", "private")
                .header("x-cos-grant-read", "uin=\"100000000011\"");
    }

    private static TestRequest vectorB() {
        return new TestRequest("GET", "/exampleobject(腾讯云)")
                .rawQuery("response-content-type=application%2Foctet-stream&response-cache-control=max-age%3D600")
                .header("Date", "Thu, 16 May 2019 06:55:53 GMT")
                .header("Host", HOST);
    }

    private static String authorization(String time, String headers, String params, String signature) {
        return "q-sign-algorithm=sha1&q-ak=" + SECRET_ID + "&q-sign-time=" + time + "&q-key-time=" + time
                + "&q-header-list=" + headers + "&q-url-param-list=" + params + "&q-signature=" + signature;
    }

    private static String signKey(String keyTime) {
        return new String(Sha1Workspace.get().hmacHex(SECRET_KEY.getBytes(StandardCharsets.UTF_8), keyTime),
                StandardCharsets.US_ASCII);
    }

    private static String httpStringSha1(TestRequest request, String params, String headers) throws Exception {
        ByteSink http = new ByteSink();
        assertThat(HttpStringWriter.write(request, SignedNames.parse("p", params), SignedNames.parse("h", headers),
                http)).isTrue();
        ByteSink hex = new ByteSink();
        Sha1Workspace.get().sha1Hex(http, hex);
        return hex.text();
    }

    @Test
    void vectorAPutObject() throws Exception {
        String headers = "content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read";
        assertThat(signKey(VECTOR_A_TIME)).isEqualTo("eb2519b498b02ac213cb1f3d1a3d27a3b3c9bc5f");
        ByteSink http = new ByteSink();
        HttpStringWriter.write(vectorA(), SignedNames.parse("p", ""), SignedNames.parse("h", headers), http);
        assertThat(http.text()).isEqualTo("put\n/exampleobject(腾讯云)\n\ncontent-length=13"
                + "&content-md5=mQ%2FfVh815F3k6TAUm8m0eg%3D%3D&content-type=text%2Fplain"
                + "&date=Thu%2C%2016%20May%202019%2006%3A45%3A51%20GMT"
                + "&host=examplebucket-1250000000.cos.ap-beijing.myqcloud.com&x-cos-acl=private"
                + "&x-cos-grant-read=uin%3D%22100000000011%22\n");
        assertThat(httpStringSha1(vectorA(), "", headers)).isEqualTo("8b2751e77f43a0995d6e9eb9477f4b685cca4172");

        Authenticator authenticator = new Authenticator(SignatureRules.DEFAULTS,
                new TemporaryCredentials(Fixtures.at(1557989200)), Fixtures.at(1557989200));
        Authentication auth = authenticator.authenticate(vectorA().header("Authorization",
                authorization(VECTOR_A_TIME, headers, "", "3b8851a11a569213c17ba8fa7dcf2abec6935172")), DIRECTORY);
        assertThat(auth.principal()).isEqualTo(new Principal.Root(Fixtures.ROOT_UIN));
        assertThat(auth.secretId()).contains(SECRET_ID);
        assertThat(auth.window()).contains(new KeyWindow(1557989151L, 1557996351L, VECTOR_A_TIME));
        assertThat(auth.carrier()).isEqualTo(Carrier.HEADER);
        assertThat(auth.isHeaderSigned("X-COS-ACL")).isTrue();
        assertThat(auth.isHeaderSigned("user-agent")).isFalse();
    }

    @Test
    void vectorAFailsWhenThePathIsHashedEncoded() throws Exception {
        TestRequest encoded = vectorA().copy("PUT", "/exampleobject(%E8%85%BE%E8%AE%AF%E4%BA%91)");
        assertThat(httpStringSha1(encoded, "",
                "content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read"))
                .startsWith("f4c2b1ca");
    }

    @Test
    void vectorBGetObjectWithResponseParameters() throws Exception {
        String params = "response-cache-control;response-content-type";
        assertThat(signKey(VECTOR_B_TIME)).isEqualTo("937914bf490e9e8c189836aad2052e4feeb35eaf");
        assertThat(httpStringSha1(vectorB(), params, "date;host")).isEqualTo("54ecfe22f59d3514fdc764b87a32d8133ea611e6");

        Authenticator authenticator = new Authenticator(SignatureRules.DEFAULTS,
                new TemporaryCredentials(Fixtures.at(1557990000)), Fixtures.at(1557990000));
        Authentication auth = authenticator.authenticate(vectorB().header("Authorization",
                authorization(VECTOR_B_TIME, "date;host", params, "01681b8c9d798a678e43b685a9f1bba0f6c0e012")),
                DIRECTORY);
        assertThat(auth.principal()).isEqualTo(new Principal.Root(Fixtures.ROOT_UIN));
        assertThat(auth.isParameterSigned("response-content-type")).isTrue();
        assertThat(auth.isParameterSigned("acl")).isFalse();
    }

    @Test
    void vectorBAsPresignedUrlWithEncodedSemicolons() throws Exception {
        Authenticator authenticator = new Authenticator(SignatureRules.DEFAULTS,
                new TemporaryCredentials(Fixtures.at(1557990000)), Fixtures.at(1557990000));
        // Node's pre-signed URLs send the lists with %3b, other SDKs send ';' or %3B.
        TestRequest request = vectorB().rawQuery("q-sign-algorithm=sha1&q-ak=" + SECRET_ID
                + "&q-sign-time=1557989753%3B1557996953&q-key-time=1557989753;1557996953"
                + "&q-header-list=date%3bhost&q-url-param-list=response-cache-control%3bresponse-content-type"
                + "&q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012");
        assertThat(authenticator.authenticate(request, DIRECTORY).carrier()).isEqualTo(Carrier.QUERY);
    }

    @Test
    void vectorCPostObjectPolicy() throws Exception {
        assertThat(signKey("1567150692;1567157892")).isEqualTo("39acc8c9f34ba5b19bce4e965b370cd3f62d2fba");
        PostPolicy policy = PostPolicy.decode(PostObjectTest.VECTOR_C_POLICY);
        ByteSink hex = new ByteSink();
        Sha1Workspace.get().sha1Hex(policy.json(), hex);
        assertThat(hex.text()).isEqualTo("d5d903b8360468bc81c1311f134989bc8c8b5b89");

        Authentication auth = PostObjectTest.authenticator().authenticateForm(
                new PostObjectForm(PostObjectTest.vectorCFields(), PostObjectTest.BUCKET,
                        "folder/subfolder/photo.jpg", 100), DIRECTORY);
        assertThat(auth.principal()).isEqualTo(new Principal.Root(Fixtures.ROOT_UIN));
        assertThat(auth.carrier()).isEqualTo(Carrier.POST_FORM);
    }
}
