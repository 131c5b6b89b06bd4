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
 * rclone (Debian's, aws-sdk-go v1 inside) through the gateway at its own address to a real
 * s3proxy: {@code provider = Other}, path style, no region set, so it signs with
 * {@code us-east-1} while the bucket is in ap-shanghai (the gateway takes the region from the
 * credential scope), and {@code no_check_bucket} so that it does not probe with CreateBucket.
 */
class RcloneThroughGatewayTest {
    @TempDir
    static Path dir;

    private static S3ClientGateway gw;
    private static ClientCommand rclone;
    private static Path config;

    @BeforeAll
    static void start() throws Exception {
        Path binary = ClientCommand.require("rclone", "rclone");
        gw = S3ClientGateway.start(dir);
        Path home = Files.createDirectories(dir.resolve("home"));
        StringBuilder remotes = new StringBuilder();
        for (Caller c : List.of(BOB, CAROL, DAVE, WRONG)) {
            remotes.append('[').append(c.name()).append("]\ntype = s3\nprovider = Other\naccess_key_id = ").append(c.id())
                    .append("\nsecret_access_key = ").append(c.key()).append("\nendpoint = ").append(gw.endpoint())
                    .append("\nno_check_bucket = true\n\n");
        }
        config = Files.writeString(home.resolve("rclone.conf"), remotes);
        rclone = ClientCommand.of(binary, home, Map.of(), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private static Result rclone(String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("--config", config.toString(), "--retries", "1",
                "--low-level-retries", "1"));
        all.addAll(List.of(arguments));
        return rclone.run(all.toArray(String[]::new));
    }

    private static String at(Caller caller, String key) {
        return caller.name() + ":" + BUCKET + "/" + key;
    }

    @Test
    void smallPutGetAndStatAreByteForByte() throws Exception {
        Path file = S3ClientGateway.randomFile(dir, "small.bin", 70_000, 3);
        rclone("copyto", file.toString(), at(BOB, "rclone/small.bin")).succeeded();
        assertThat(gw.stored("rclone/small.bin")).isEqualTo(Files.readAllBytes(file));

        Path back = dir.resolve("small.back");
        rclone("copyto", at(CAROL, "rclone/small.bin"), back.toString()).succeeded();
        assertThat(back).hasSameBinaryContentAs(file);
        assertThat(rclone("lsjson", "--stat", at(CAROL, "rclone/small.bin")).succeeded().out()).contains("\"Size\": 70000");
    }

    @Test
    void multipartUploadAboveTheCutoffIsByteForByte() throws Exception {
        Path file = S3ClientGateway.randomFile(dir, "big.bin", 11 * 1024 * 1024 + 5, 4);
        rclone("--s3-upload-cutoff", "5M", "--s3-chunk-size", "5M", "copyto", file.toString(), at(DAVE, "rclone/big.bin")).succeeded();
        assertThat(gw.stored("rclone/big.bin")).isEqualTo(Files.readAllBytes(file));
        assertThat(gw.etag("rclone/big.bin")).endsWith("-3");
        Path back = dir.resolve("big.back");
        rclone("copyto", at(BOB, "rclone/big.bin"), back.toString()).succeeded();
        assertThat(back).hasSameBinaryContentAs(file);
    }

    @Test
    void listsVersionOneAndTwo() throws Exception {
        for (String k : List.of("rclone/list/a/1", "rclone/list/a/2", "rclone/list/b/1")) {
            gw.seed(k, k);
        }
        assertThat(rclone("--s3-list-version", "1", "lsf", at(CAROL, "rclone/list/")).succeeded().out()).isEqualTo("a/\nb/\n");
        assertThat(rclone("--s3-list-version", "2", "lsf", "-R", at(CAROL, "rclone/list/")).succeeded().out().lines())
                .containsExactlyInAnyOrder("a/", "a/1", "a/2", "b/", "b/1");
    }

    @Test
    void copiesOnTheServerAndDeletesOneAndMany() throws Exception {
        gw.seed("rclone/copy/source.txt", "copy me");
        rclone("copyto", at(BOB, "rclone/copy/source.txt"), at(BOB, "rclone/copy/target.txt")).succeeded();
        assertThat(gw.stored("rclone/copy/target.txt")).asString(StandardCharsets.UTF_8).isEqualTo("copy me");

        rclone("deletefile", at(BOB, "rclone/copy/source.txt")).succeeded();
        assertThat(gw.stored("rclone/copy/source.txt")).isNull();

        gw.seed("rclone/copy/other.txt", "me too");
        rclone("delete", at(DAVE, "rclone/copy/")).succeeded();
        assertThat(gw.stored("rclone/copy/target.txt")).isNull();
        assertThat(gw.stored("rclone/copy/other.txt")).isNull();
    }

    @Test
    void aPresignedLinkServesTheAllowedAndRefusesTheDenied() throws Exception {
        gw.seed("rclone/link.txt", "linked bytes");
        String url = rclone("link", "--expire", "5m", at(CAROL, "rclone/link.txt")).succeeded().out().strip();
        assertThat(url).startsWith(gw.endpoint() + "/" + BUCKET + "/rclone/link.txt?").contains("us-east-1");
        HttpResponse<String> got = S3ClientGateway.get(url);
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("linked bytes");

        // rclone links only what it can HEAD; carol's link replayed on another key is refused
        String replayed = url.replace("/rclone/link.txt?", "/" + SECRET + "?");
        assertThat(S3ClientGateway.refused(S3ClientGateway.get(replayed), "SignatureDoesNotMatch"))
                .doesNotContain(SECRET_TEXT);
    }

    @Test
    void deniedCallersGetAccessDeniedAndChangeNothing() throws Exception {
        Path file = S3ClientGateway.textFile(dir, "carol.txt", "carol may not write");
        rclone("copyto", file.toString(), at(CAROL, "rclone/carol.txt")).failedWith("AccessDenied");
        assertThat(gw.stored("rclone/carol.txt")).isNull();

        // rclone HEADs before it reads: denied, it takes the object for absent and copies nothing
        Result cat = rclone("cat", at(DAVE, SECRET));
        assertThat(cat.out()).as("%s", cat).doesNotContain(SECRET_TEXT);
        rclone("copyto", at(DAVE, SECRET), dir.resolve("secret.out").toString());
        assertThat(dir.resolve("secret.out")).doesNotExist();
        rclone("delete", at(DAVE, "secret/")).failedWith("AccessDenied");
        assertThat(gw.stored(SECRET)).asString(StandardCharsets.UTF_8).isEqualTo(SECRET_TEXT);
    }

    @Test
    void aWrongSecretGetsSignatureDoesNotMatch() throws Exception {
        Path file = S3ClientGateway.textFile(dir, "wrong.txt", "never stored");
        // rclone HEADs before it uploads, and a HEAD answer has no body to name the error
        rclone("copyto", file.toString(), at(WRONG, "rclone/wrong.txt")).failedWith("status code: 403");
        rclone("lsf", at(WRONG, "rclone/")).failedWith("SignatureDoesNotMatch");
        assertThat(gw.stored("rclone/wrong.txt")).isNull();
    }
}
