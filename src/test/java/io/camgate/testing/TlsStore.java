package io.camgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stand-in store behind TLS, on a loopback {@link SSLServerSocket} (the JDK's own TLS, not
 * camgate's): it answers every request {@code 200} with the body {@value #BODY} and its own
 * {@code x-cos-request-id} ({@code store-1}, {@code store-2} ...) on kept-alive connections,
 * and records each request line it read, so a test can tell that nothing reached it. Given a
 * client CA, it demands a client certificate that CA issued.
 */
public final class TlsStore implements AutoCloseable {
    /** What every response carries. */
    public static final String BODY = "stored";

    private final SSLServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();

    private TlsStore(SSLServerSocket server) {
        this.server = server;
    }

    /** Serves with {@code certificate}; with {@code clientCa} non-null, only clients whose certificate it issued. */
    public static TlsStore start(TestCertificate certificate, TestCertificate clientCa)
            throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificate.keyStore())) {
            keys.load(in, TestCertificate.PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, TestCertificate.PASSWORD.toCharArray());
        TrustManagerFactory tmf = null;
        if (clientCa != null) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(clientCa.certificate())) {
                trusted.setCertificateEntry("client-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(clientCa != null);
        TlsStore store = new TlsStore(server);
        Thread acceptor = new Thread(store::accept, "tls-store");
        acceptor.setDaemon(true);
        acceptor.start();
        return store;
    }

    /** {@code https://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("https://127.0.0.1:" + server.getLocalPort());
    }

    /** The request lines read so far, over every connection. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** How many TLS handshakes completed. */
    public int handshakes() {
        return handshakes.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve((SSLSocket) s), "tls-store-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.startHandshake();
            handshakes.incrementAndGet();
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String line = RawHttp.readLine(in);
                if (line == null || line.isEmpty()) {
                    return;
                }
                requests.add(line);
                long length = 0;
                for (String h = RawHttp.readLine(in); h != null && !h.isEmpty(); h = RawHttp.readLine(in)) {
                    if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(h.substring(15).strip());
                    }
                }
                in.skipNBytes(length);
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length() + "\r\nx-cos-request-id: store-"
                        + ids.incrementAndGet() + "\r\n\r\n" + BODY).getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // a refused handshake or a closed connection: nothing was recorded for it
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
