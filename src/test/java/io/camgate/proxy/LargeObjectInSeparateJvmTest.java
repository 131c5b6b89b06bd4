package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BOB_ID;
import static io.camgate.proxy.ExampleGateway.BOB_KEY;
import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.HOST;
import static io.camgate.proxy.ExampleGateway.ROOT_ID;
import static io.camgate.proxy.ExampleGateway.ROOT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.qcloud.cos.COSClient;
import com.qcloud.cos.http.HttpMethodName;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.ProcessLines;
import io.camgate.testing.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camgate serve} as its own JVM with a 256 MiB heap streams a 1 GiB object up and down
 * (generated as it is sent, digested as it is received) between presigned SDK URLs and
 * s3proxy, and on SIGTERM drains and stops.
 */
class LargeObjectInSeparateJvmTest {
    private static final long SIZE = Long.getLong("camgate.test.largeObjectBytes", 1024L * 1024 * 1024 + 4099);

    @TempDir
    Path dir;

    /** {@code size} bytes of a seeded pattern, made as they are read; the digest of what was read so far. */
    private static final class Generated extends InputStream {
        private final byte[] block = new byte[1 << 16];
        private final MessageDigest digest;
        private final long size;
        private long pos;

        Generated(long size) throws Exception {
            new Random(20261123).nextBytes(block);
            digest = MessageDigest.getInstance("SHA-256");
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int inBlock = (int) (pos % block.length);
            int n = (int) Math.min(Math.min(len, block.length - inBlock), size - pos);
            byte salt = (byte) (pos / block.length);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) (block[inBlock + i] ^ salt);
            }
            digest.update(b, off, n);
            pos += n;
            return n;
        }
    }

    private Path config(S3ProxyServer s3) throws IOException {
        Path conf = dir.resolve("conf");
        ExampleConfig.copyTo(conf);
        ExampleConfig.routeTo(conf, s3, ", shutdownTimeout: 20s");
        return conf;
    }

    /** {@code camgate serve} in its own JVM with {@code jvmOptions}, serving the example config to {@code s3}. */
    private record Served(Process process, ProcessLines output, int port) {
        static Served start(Path config, String... jvmOptions) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.camgate.cli.Main", "serve",
                    "--config", config.toString()));
            Process gateway = new ProcessBuilder(command).redirectErrorStream(true).start();
            ProcessLines output = ProcessLines.follow(gateway, "gateway");
            try {
                String serving = output.await(l -> l.contains("serving http://127.0.0.1:"));
                return new Served(gateway, output, Integer.parseInt(serving.substring(
                        serving.indexOf("serving http://127.0.0.1:") + 25).split("\\D")[0]));
            } catch (Exception | AssertionError e) {
                gateway.destroyForcibly();
                throw e;
            }
        }
    }

    /**
     * A 64 MiB browser form upload through a gateway whose heap (48 MiB) and direct memory
     * (32 MiB) could not hold the file: the fields are read, the file streams.
     */
    @Test
    void aFormUploadStreamsThroughAGatewayThatCouldNotHoldIt() throws Exception {
        long size = 64L * 1024 * 1024 + 5;
        try (S3ProxyServer s3 = S3ProxyServer.start(Files.createDirectories(dir.resolve("s3")))) {
            Served served = Served.start(config(s3), "-Xmx48m", "-XX:MaxDirectMemorySize=32m");
            try {
                COSClient root = ExampleGateway.client(served.port(), ROOT_ID, ROOT_KEY);
                root.createBucket(BUCKET);
                byte[] fields = PostForms.fieldBytes(new PostForms(BUCKET, "forms/${filename}").signed(BOB_ID, BOB_KEY));
                byte[] fileHead = PostForms.fileHead("large.bin");
                byte[] closing = PostForms.closing();
                Generated file = new Generated(size);
                InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                        new ByteArrayInputStream(fields), new ByteArrayInputStream(fileHead), file,
                        new ByteArrayInputStream(closing))));
                HttpResponse<String> stored = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                        .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + "/"))
                                .header("Host", HOST).header("Content-Type", PostForms.contentType())
                                .POST(HttpRequest.BodyPublishers.fromPublisher(
                                        HttpRequest.BodyPublishers.ofInputStream(() -> body),
                                        fields.length + fileHead.length + size + closing.length)).build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(stored.statusCode()).as(stored.body()).isBetween(200, 204);
                MessageDigest received = MessageDigest.getInstance("SHA-256");
                long total = 0;
                try (InputStream in = root.getObject(BUCKET, "forms/large.bin").getObjectContent()) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0; total += n) {
                        received.update(buf, 0, n);
                    }
                }
                root.shutdown();
                assertThat(total).isEqualTo(size);
                assertThat(received.digest()).isEqualTo(file.digest.digest());
                assertThat(served.output().lines()).noneMatch(l -> l.contains("OutOfMemoryError"));
            } finally {
                served.process().destroyForcibly();
            }
        }
    }

    @Test
    void oneGibibyteStreamsThroughAGatewayWithASmallHeap() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(Files.createDirectories(dir.resolve("s3")))) {
            Served served = Served.start(config(s3), "-Xmx256m");
            Process gateway = served.process();
            ProcessLines output = served.output();
            int gw = served.port();
            try {
                COSClient root = ExampleGateway.client(gw, ROOT_ID, ROOT_KEY);
                root.createBucket(BUCKET);
                root.shutdown();
                COSClient bob = ExampleGateway.client(gw, BOB_ID, BOB_KEY);
                Date expires = new Date(System.currentTimeMillis() + 3_600_000);
                URL put = bob.generatePresignedUrl(BUCKET, "big/one-gib.bin", expires, HttpMethodName.PUT);
                URL get = bob.generatePresignedUrl(BUCKET, "big/one-gib.bin", expires, HttpMethodName.GET);
                bob.shutdown();

                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                Generated upload = new Generated(SIZE);
                HttpResponse<String> stored = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gw + put.getFile())).header("Host", HOST)
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> upload), SIZE)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
                String sent = HexFormat.of().formatHex(upload.digest.digest());

                HttpResponse<InputStream> fetched = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gw + get.getFile())).header("Host", HOST).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(fetched.statusCode()).isEqualTo(200);
                assertThat(fetched.headers().firstValueAsLong("content-length")).hasValue(SIZE);
                MessageDigest received = MessageDigest.getInstance("SHA-256");
                long total = 0;
                try (InputStream in = fetched.body()) {
                    byte[] buf = new byte[1 << 16];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        received.update(buf, 0, n);
                        total += n;
                    }
                }
                assertThat(total).isEqualTo(SIZE);
                assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(sent);

                // SIGTERM through the handle: Process.destroy() would also close the pipe we read the exit lines from.
                assertThat(gateway.toHandle().destroy()).isTrue();
                assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).isTrue();
                output.await(l -> l.contains("\"message\":\"stopped\""));
                assertThat(output.lines()).anyMatch(l -> l.contains("\"message\":\"stopped accepting"))
                        .noneMatch(l -> l.contains("OutOfMemoryError"));
            } finally {
                gateway.destroyForcibly();
            }
        }
    }
}
