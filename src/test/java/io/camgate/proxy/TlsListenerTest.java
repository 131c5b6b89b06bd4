package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import com.qcloud.cos.COSClient;
import com.qcloud.cos.http.HttpMethodName;
import io.camgate.authz.Snapshot;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ListenSettings;
import io.camgate.testing.S3ProxyServer;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS listener from PEM files (a self-signed certificate made here with the JDK's keytool)
 * makes {@code cos:secure-transport} true and carries {@code cos:tls-version}: a policy that
 * allows reads only over TLS 1.2 or later lets the
 * same presigned GET through on the TLS listener and refuses it on the plain one.
 */
class TlsListenerTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    private Path selfSignedPem() throws Exception {
        Path store = dir.resolve("gateway.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        Key key = ks.getKey("gateway", PASSWORD);
        Certificate cert = ks.getCertificate("gateway");
        Files.writeString(dir.resolve("tls").resolve("gateway.key"), pem("PRIVATE KEY", key.getEncoded()));
        Files.writeString(dir.resolve("tls").resolve("gateway.pem"), pem("CERTIFICATE", cert.getEncoded()));
        return store;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private Snapshot config() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(conf.resolve("policies"));
        Files.writeString(conf.resolve("accounts.yaml"), """
                accounts:
                  - uin: "100000000001"
                    appid: "1250000001"
                    keys: [{secretId: AKIDtlsROOT0000000000000000000001, secretKey: rootSecret, status: active}]
                    users:
                      - uin: "100000000031"
                        name: tls-reader
                        policies: [tls-only]
                        keys: [{secretId: AKIDtlsREADER000000000000000000031, secretKey: readerSecret}]
                    buckets:
                      - {name: examplebucket-1250000001, region: ap-shanghai}
                """);
        Files.writeString(conf.resolve("policies").resolve("tls-only.json"), """
                {"version": "2.0", "statement": [{"effect": "allow", "action": ["name/cos:GetObject"],
                  "resource": ["qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/*"],
                  "condition": {"bool_equal": {"cos:secure-transport": "true"},
                                "numeric_greater_than_equal": {"cos:tls-version": "1.2"}}}]}
                """);
        return new ConfigLoader(name -> null).load(conf, 1);
    }

    @Test
    void secureTransportIsTrueOnlyOnTheTlsListener() throws Exception {
        Files.createDirectories(dir.resolve("tls"));
        Path store = selfSignedPem();
        Snapshot snapshot = config();
        ListenSettings tls = new ListenSettings("127.0.0.1", 0, dir.resolve("tls/gateway.pem"),
                dir.resolve("tls/gateway.key"), Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5));
        try (S3ProxyServer s3 = S3ProxyServer.start(Files.createDirectories(dir.resolve("s3")));
                Gateway plain = Gateway.start(snapshot, ExampleGateway.settings(s3.uri(),
                        ExampleGateway.plainListener()), RequestObserver.NONE, Clock.systemUTC());
                Gateway secure = Gateway.start(snapshot, ExampleGateway.settings(s3.uri(), tls), RequestObserver.NONE,
                        Clock.systemUTC())) {
            assertThat(secure.url()).startsWith("https://");
            COSClient root = ExampleGateway.client(plain.port(), "AKIDtlsROOT0000000000000000000001", "rootSecret");
            root.createBucket(BUCKET);
            root.putObject(BUCKET, "report.txt", "for TLS readers");
            root.shutdown();
            COSClient reader = ExampleGateway.client(plain.port(), "AKIDtlsREADER000000000000000000031",
                    "readerSecret");
            URL get = reader.generatePresignedUrl(BUCKET, "report.txt", new Date(System.currentTimeMillis() + 600_000),
                    HttpMethodName.GET);
            reader.shutdown();

            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                trust.load(in, PASSWORD);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();

            HttpResponse<String> overTls = https.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + secure.port() + get.getFile())).header("Host", HOST).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(overTls.statusCode()).isEqualTo(200);
            assertThat(overTls.body()).isEqualTo("for TLS readers");

            // HTTP/1.1 stated: by default this client asks a plain-HTTP server to upgrade to h2c, which the gateway refuses.
            HttpResponse<String> overPlain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + plain.port() + get.getFile())).header("Host", HOST).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(overPlain.statusCode()).isEqualTo(403);
            assertThat(overPlain.body()).contains("<Code>AccessDenied</Code>");
        }
    }
}
