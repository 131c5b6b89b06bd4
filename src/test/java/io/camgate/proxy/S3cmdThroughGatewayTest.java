package io.camgate.proxy;

import static io.camgate.proxy.S3ClientGateway.BOB;
import static io.camgate.proxy.S3ClientGateway.BUCKET;
import static io.camgate.proxy.S3ClientGateway.CAROL;
import static io.camgate.proxy.S3ClientGateway.DAVE;
import static io.camgate.proxy.S3ClientGateway.SECRET;
import static io.camgate.proxy.S3ClientGateway.SECRET_TEXT;
import static io.camgate.proxy.S3ClientGateway.WRONG;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.proxy.S3ClientGateway.Caller;
import io.camgate.testing.ClientCommand;
import io.camgate.testing.ClientCommand.Result;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3cmd (Debian's) through the gateway at its own address to a real s3proxy: SigV4 with its
 * comma-without-space Authorization header, path style ({@code host_bucket} without
 * {@code %(bucket)s}), 5 MB multipart chunks, SigV2 headers with {@code signature_v2}, and
 * {@code signurl}, which always signs SigV2 query parameters.
 */
class S3cmdThroughGatewayTest {
    @TempDir
    static Path dir;

    private static S3ClientGateway gw;
    private static ClientCommand s3cmd;
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        Path binary = ClientCommand.require("s3cmd", "s3cmd");
        gw = S3ClientGateway.start(dir);
        home = Files.createDirectories(dir.resolve("home"));
        for (Caller c : List.of(BOB, CAROL, DAVE, WRONG)) {
            writeConfig(c.name(), c, false);
        }
        writeConfig("bob-v2", BOB, true);
        writeConfig("dave-v2", DAVE, true);
        s3cmd = ClientCommand.of(binary, home, Map.of(), Duration.ofSeconds(60));
    }

    private static void writeConfig(String name, Caller c, boolean v2) throws Exception {
        String hostPort = "127.0.0.1:" + gw.port();
        Files.writeString(home.resolve(name + ".s3cfg"), "[default]\naccess_key = " + c.id() + "\nsecret_key = " + c.key()
                + "\nhost_base = " + hostPort + "\nhost_bucket = " + hostPort + "\nuse_https = False\n"
                + "bucket_location = ap-shanghai\nsignature_v2 = " + (v2 ? "True" : "False")
                + "\nmultipart_chunk_size_mb = 5\nmax_retries = 1\nprogress_meter = False\n");
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private static Result s3cmd(String config, String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("-c", home.resolve(config + ".s3cfg").toString()));
        all.addAll(List.of(arguments));
        return s3cmd.run(all.toArray(String[]::new));
    }

    private static String s3(String key) {
        return "s3://" + BUCKET + "/" + key;
    }

    /** {@code writer} puts {@code size} random bytes as s3cmd/NAME.bin, the store holds them, {@code reader} gets them back. */
    private static void roundTrip(String writer, String reader, String name, int size, long seed) throws Exception {
        Path file = S3ClientGateway.randomFile(dir, name + ".bin", size, seed);
        String key = "s3cmd/" + name + ".bin";
        s3cmd(writer, "put", file.toString(), s3(key)).succeeded();
        assertThat(gw.stored(key)).isEqualTo(Files.readAllBytes(file));
        Path back = dir.resolve(name + ".back");
        s3cmd(reader, "get", s3(key), back.toString()).succeeded();
        assertThat(back).hasSameBinaryContentAs(file);
    }

    @Test
    void smallPutGetAndListingAreByteForByte() throws Exception {
        roundTrip("bob", "carol", "small", 70_000, 5);
        assertThat(s3cmd("carol", "ls", "-l", s3("s3cmd/small.bin")).succeeded().out()).contains("70000", "s3cmd/small.bin");
    }

    @Test
    void multipartUploadAboveTheChunkSizeIsByteForByte() throws Exception {
        Path file = S3ClientGateway.randomFile(dir, "big.bin", 11 * 1024 * 1024 + 3, 6);
        s3cmd("dave", "put", file.toString(), s3("s3cmd/big.bin")).succeeded();
        assertThat(gw.stored("s3cmd/big.bin")).isEqualTo(Files.readAllBytes(file));
        assertThat(gw.etag("s3cmd/big.bin")).endsWith("-3");
        Path back = dir.resolve("big.back");
        s3cmd("bob", "get", s3("s3cmd/big.bin"), back.toString()).succeeded();
        assertThat(back).hasSameBinaryContentAs(file);
    }

    @Test
    void listsAPrefix() throws Exception {
        for (String k : List.of("s3cmd/list/a/1", "s3cmd/list/a/2", "s3cmd/list/b/1")) {
            gw.seed(k, k);
        }
        Result ls = s3cmd("carol", "ls", s3("s3cmd/list/")).succeeded();
        assertThat(ls.out()).contains(s3("s3cmd/list/a/"), s3("s3cmd/list/b/"));
        Result all = s3cmd("carol", "ls", "--recursive", s3("s3cmd/list/a/")).succeeded();
        assertThat(all.out()).contains(s3("s3cmd/list/a/1"), s3("s3cmd/list/a/2")).doesNotContain("list/b/");
    }

    @Test
    void copiesDeletesOneAndDeletesMany() throws Exception {
        gw.seed("s3cmd/copy/source.txt", "copy me");
        // without --acl-private s3cmd reads the source's ACL and writes it to the copy, which
        // needs cos:GetObjectACL and cos:PutObjectACL besides the copy itself
        s3cmd("bob", "cp", s3("s3cmd/copy/source.txt"), s3("s3cmd/copy/target.txt")).failedWith("AccessDenied");
        s3cmd("bob", "cp", "--acl-private", s3("s3cmd/copy/source.txt"), s3("s3cmd/copy/target.txt")).succeeded();
        assertThat(gw.stored("s3cmd/copy/target.txt")).asString(StandardCharsets.UTF_8).isEqualTo("copy me");

        s3cmd("bob", "del", s3("s3cmd/copy/source.txt")).succeeded();
        assertThat(gw.stored("s3cmd/copy/source.txt")).isNull();

        gw.seed("s3cmd/copy/other.txt", "me too");
        s3cmd("dave", "del", "--recursive", s3("s3cmd/copy/")).succeeded();
        assertThat(gw.stored("s3cmd/copy/target.txt")).isNull();
        assertThat(gw.stored("s3cmd/copy/other.txt")).isNull();
    }

    @Test
    void signatureVersionTwoHeadersPutAndGet() throws Exception {
        roundTrip("bob-v2", "bob-v2", "v2", 20_000, 7);
        // s3cmd HEADs before it downloads: a HEAD answer has no body to name the error
        s3cmd("dave-v2", "get", s3(SECRET), dir.resolve("v2-secret.out").toString()).failedWith("403 (Forbidden)");
        s3cmd("dave-v2", "del", s3(SECRET)).failedWith("AccessDenied");
    }

    @Test
    void signedUrlsAreSignatureVersionTwoAndDecidedAsTheirSigner() throws Exception {
        gw.seed("s3cmd/signed.txt", "signed bytes");
        String url = s3cmd("carol", "signurl", s3("s3cmd/signed.txt"), "+300").succeeded().out().strip();
        assertThat(url).contains("AWSAccessKeyId=", "Signature=", "Expires=");
        HttpResponse<String> got = S3ClientGateway.get(url);
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("signed bytes");

        String denied = s3cmd("dave", "signurl", s3(SECRET), "+300").succeeded().out().strip();
        S3ClientGateway.refused(S3ClientGateway.get(denied), "AccessDenied");
    }

    @Test
    void deniedCallersGetAccessDeniedAndChangeNothing() throws Exception {
        Path file = S3ClientGateway.textFile(dir, "carol.txt", "carol may not write");
        s3cmd("carol", "put", file.toString(), s3("s3cmd/carol.txt")).failedWith("AccessDenied");
        assertThat(gw.stored("s3cmd/carol.txt")).isNull();

        s3cmd("dave", "get", s3(SECRET), dir.resolve("secret.out").toString()).failedWith("403 (Forbidden)");
        assertThat(dir.resolve("secret.out")).doesNotExist();
        s3cmd("dave", "del", s3(SECRET)).failedWith("AccessDenied");
        assertThat(gw.stored(SECRET)).asString(StandardCharsets.UTF_8).isEqualTo(SECRET_TEXT);
    }

    @Test
    void aWrongSecretGetsSignatureDoesNotMatch() throws Exception {
        Path file = S3ClientGateway.textFile(dir, "wrong.txt", "never stored");
        s3cmd("wrong", "put", file.toString(), s3("s3cmd/wrong.txt")).failedWith("SignatureDoesNotMatch");
        s3cmd("wrong", "ls", s3("s3cmd/")).failedWith("SignatureDoesNotMatch");
        assertThat(gw.stored("s3cmd/wrong.txt")).isNull();
    }
}
