package io.camgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code 127.0.0.1}, made with the JDK's own keytool and written
 * as PEM ({@code cert.pem}, {@code key.pem}), for TLS listeners in tests.
 *
 * @param certificate the certificate, PEM
 * @param key         its private key, PKCS#8 PEM
 */
public record TestCertificate(Path certificate, Path key) {
    private static final String PASSWORD = "changeit";

    /** Makes one in {@code dir}. */
    public static TestCertificate create(Path dir) throws IOException, GeneralSecurityException,
            InterruptedException {
        Files.createDirectories(dir);
        Path store = dir.resolve("test.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TestCertificate out = new TestCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        Files.writeString(out.certificate(), pem("CERTIFICATE", ks.getCertificate("test").getEncoded()));
        Files.writeString(out.key(), pem("PRIVATE KEY", ks.getKey("test", PASSWORD.toCharArray()).getEncoded()));
        return out;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
