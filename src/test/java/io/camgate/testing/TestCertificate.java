package io.camgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate, for {@code 127.0.0.1} unless asked otherwise, made with the JDK's
 * own keytool and written as PEM ({@code cert.pem}, {@code key.pem}) beside its PKCS#12 key
 * store ({@code test.p12}, password {@value #PASSWORD}), for TLS listeners and clients in tests.
 * Being self-signed, the certificate is its own CA bundle.
 *
 * @param certificate the certificate, PEM
 * @param key         its private key, PKCS#8 PEM
 * @param keyStore    both, PKCS#12
 */
public record TestCertificate(Path certificate, Path key, Path keyStore) {
    /** The key store's password. */
    public static final String PASSWORD = "changeit";

    /** Makes one for {@code 127.0.0.1}, valid from now for two days, in {@code dir}. */
    public static TestCertificate create(Path dir) throws IOException, GeneralSecurityException,
            InterruptedException {
        return create(dir, "127.0.0.1", "ip:127.0.0.1", null);
    }

    /**
     * Makes one in {@code dir} for the subject {@code CN=name}, with the subject alternative
     * name {@code san} (keytool's form: {@code ip:127.0.0.1}, {@code dns:example.com}), valid
     * for a day from {@code start} (keytool's form, e.g. {@code -3d}; null: two days from now).
     */
    public static TestCertificate create(Path dir, String name, String san, String start)
            throws IOException, GeneralSecurityException, InterruptedException {
        Files.createDirectories(dir);
        Path store = dir.resolve("test.p12");
        keytool(withStart(start, "-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "san=" + san, "-keystore", store.toString()));
        return written(dir, store);
    }

    /**
     * Makes one in {@code dir} issued by {@code ca} (made by {@link #authority}) for {@code CN=name} and {@code san}, valid for a day from {@code start}
     * (null: two days from now). Its PEM holds the certificate then the CA's.
     */
    public static TestCertificate issue(Path dir, TestCertificate ca, String name, String san, String start)
            throws IOException, GeneralSecurityException, InterruptedException {
        Files.createDirectories(dir);
        Path store = dir.resolve("test.p12");
        Path request = dir.resolve("test.csr");
        Path issued = dir.resolve("issued.pem");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", ca.certificate().toString(), "-keystore",
                store.toString());
        keytool("-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-keystore", store.toString());
        keytool("-certreq", "-alias", "test", "-file", request.toString(), "-keystore", store.toString());
        keytool(withStart(start, "-gencert", "-alias", "test", "-infile", request.toString(), "-outfile",
                issued.toString(), "-ext", "san=" + san, "-rfc", "-keystore", ca.keyStore().toString()));
        keytool("-importcert", "-alias", "test", "-file", issued.toString(), "-keystore", store.toString());
        return written(dir, store);
    }

    /** A certificate authority, self-signed, valid from now for two days. */
    public static TestCertificate authority(Path dir) throws IOException, GeneralSecurityException,
            InterruptedException {
        Files.createDirectories(dir);
        Path store = dir.resolve("test.p12");
        keytool("-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=camgate test CA", "-ext", "bc:c", "-validity", "2", "-keystore", store.toString());
        return written(dir, store);
    }

    private static String[] withStart(String start, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(start == null ? List.of("-validity", "2") : List.of("-validity", "1", "-startdate", start));
        return all.toArray(String[]::new);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }

    /** The key store's entry {@code test} written as PEM beside it: the chain, then the key. */
    private static TestCertificate written(Path dir, Path store) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TestCertificate out = new TestCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"), store);
        StringBuilder chain = new StringBuilder();
        for (Certificate c : ks.getCertificateChain("test")) {
            chain.append(pem("CERTIFICATE", c.getEncoded()));
        }
        Files.writeString(out.certificate(), chain);
        Files.writeString(out.key(), pem("PRIVATE KEY", ks.getKey("test", PASSWORD.toCharArray()).getEncoded()));
        return out;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
