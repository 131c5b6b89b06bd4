package io.camgate.proxy;

import static io.camgate.proxy.S3ClientGateway.BOB;
import static io.camgate.proxy.S3ClientGateway.BUCKET;
import static io.camgate.proxy.S3ClientGateway.CAROL;
import static io.camgate.proxy.S3ClientGateway.DAVE;
import static io.camgate.proxy.S3ClientGateway.ROOT;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI (Debian's {@code awscli}) through the gateway at its own address to a real
 * s3proxy, signing SigV4 with the example callers' key pairs: path style, region ap-shanghai,
 * a 5 MB multipart threshold so that an 11 MiB file goes in three parts. A route naming the
 * gateway's address serves ListBuckets there.
 */
class AwsCliThroughGatewayTest {
    @TempDir
    static Path dir;

    private static S3ClientGateway gw;
    private static ClientCommand aws;

    @BeforeAll
    static void start() throws Exception {
        Path binary = ClientCommand.require("aws", "awscli");
        gw = S3ClientGateway.start(dir);
        Path home = Files.createDirectories(dir.resolve("home"));
        StringBuilder config = new StringBuilder();
        StringBuilder credentials = new StringBuilder();
        for (Caller c : List.of(ROOT, BOB, CAROL, DAVE, WRONG)) {
            config.append("[profile ").append(c.name()).append("]\nregion = ap-shanghai\ns3 =\n")
                    .append("    addressing_style = path\n    multipart_threshold = 5MB\n    multipart_chunksize = 5MB\n");
            credentials.append('[').append(c.name()).append("]\naws_access_key_id = ").append(c.id())
                    .append("\naws_secret_access_key = ").append(c.key()).append('\n');
        }
        Files.writeString(home.resolve("config"), config);
        Files.writeString(home.resolve("credentials"), credentials);
        aws = ClientCommand.of(binary, home, Map.of("AWS_CONFIG_FILE", home.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true", "AWS_PAGER", "", "AWS_MAX_ATTEMPTS", "1"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private static Result aws(Caller caller, String... arguments) throws Exception {
        String[] all = new String[arguments.length + 4];
        all[0] = "--endpoint-url";
        all[1] = gw.endpoint();
        all[2] = "--profile";
        all[3] = caller.name();
        System.arraycopy(arguments, 0, all, 4, arguments.length);
        return aws.run(all);
    }

    private static String s3(String key) {
        return "s3://" + BUCKET + "/" + key;
    }

    @Test
    void smallPutGetAndHeadAreByteForByte() throws Exception {
        Path file = S3ClientGateway.randomFile(dir, "small.bin", 70_000, 1);
        aws(BOB, "s3", "cp", file.toString(), s3("aws/small.bin")).succeeded();
        assertThat(gw.stored("aws/small.bin")).isEqualTo(Files.readAllBytes(file));

        Path back = dir.resolve("small.back");
        aws(CAROL, "s3", "cp", s3("aws/small.bin"), back.toString()).succeeded();
        assertThat(back).hasSameBinaryContentAs(file);

        Result head = aws(CAROL, "s3api", "head-object", "--bucket", BUCKET, "--key", "aws/small.bin").succeeded();
        assertThat(head.out()).contains("\"ContentLength\": 70000");
    }

    @Test
    void multipartUploadAboveTheThresholdIsByteForByte() throws Exception {
        Path file = S3ClientGateway.randomFile(dir, "big.bin", 11 * 1024 * 1024 + 17, 2);
        aws(DAVE, "s3", "cp", file.toString(), s3("aws/big.bin")).succeeded();
        assertThat(gw.stored("aws/big.bin")).isEqualTo(Files.readAllBytes(file));
        assertThat(gw.etag("aws/big.bin")).endsWith("-3");
        Path back = dir.resolve("big.back");
        aws(BOB, "s3", "cp", s3("aws/big.bin"), back.toString()).succeeded();
        assertThat(back).hasSameBinaryContentAs(file);
    }

    @Test
    void listsVersionOneAndTwo() throws Exception {
        for (String k : List.of("aws/list/a/1", "aws/list/a/2", "aws/list/b/1")) {
            gw.seed(k, k);
        }
        Result v1 = aws(CAROL, "s3api", "list-objects", "--bucket", BUCKET, "--prefix", "aws/list/a/").succeeded();
        assertThat(v1.out()).contains("aws/list/a/1", "aws/list/a/2").doesNotContain("aws/list/b/1");
        Result v2 = aws(CAROL, "s3api", "list-objects-v2", "--bucket", BUCKET, "--prefix", "aws/list/",
                "--delimiter", "/").succeeded();
        assertThat(v2.out()).contains("\"Prefix\": \"aws/list/a/\"", "\"Prefix\": \"aws/list/b/\"");
        Result ls = aws(BOB, "s3", "ls", s3("aws/list/a/")).succeeded();
        assertThat(ls.out()).contains(" 1\n", " 2\n");
    }

    @Test
    void copiesDeletesOneAndDeletesMany() throws Exception {
        gw.seed("aws/copy/source.txt", "copy me");
        aws(BOB, "s3", "cp", s3("aws/copy/source.txt"), s3("aws/copy/target.txt")).succeeded();
        assertThat(gw.stored("aws/copy/target.txt")).asString(StandardCharsets.UTF_8).isEqualTo("copy me");
        aws(BOB, "s3api", "copy-object", "--bucket", BUCKET, "--key", "aws/copy/second.txt", "--copy-source",
                BUCKET + "/aws/copy/source.txt").succeeded();
        assertThat(gw.stored("aws/copy/second.txt")).asString(StandardCharsets.UTF_8).isEqualTo("copy me");

        aws(BOB, "s3", "rm", s3("aws/copy/source.txt")).succeeded();
        assertThat(gw.stored("aws/copy/source.txt")).isNull();

        Result many = aws(DAVE, "s3api", "delete-objects", "--bucket", BUCKET, "--delete",
                "{\"Objects\":[{\"Key\":\"aws/copy/target.txt\"},{\"Key\":\"aws/copy/second.txt\"}]}").succeeded();
        assertThat(many.out()).contains("aws/copy/target.txt", "aws/copy/second.txt").doesNotContain("Errors");
        assertThat(gw.stored("aws/copy/target.txt")).isNull();
        assertThat(gw.stored("aws/copy/second.txt")).isNull();
    }

    @Test
    void presignedGetServesTheAllowedAndRefusesTheDenied() throws Exception {
        gw.seed("aws/presigned.txt", "presigned bytes");
        String url = aws(CAROL, "s3", "presign", s3("aws/presigned.txt"), "--expires-in", "300").succeeded().out().strip();
        assertThat(url).startsWith(gw.endpoint() + "/" + BUCKET + "/aws/presigned.txt?").contains("X-Amz-Signature=");
        HttpResponse<String> got = S3ClientGateway.get(url);
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("presigned bytes");

        String denied = aws(DAVE, "s3", "presign", s3(SECRET)).succeeded().out().strip();
        S3ClientGateway.refused(S3ClientGateway.get(denied), "AccessDenied");
    }

    @Test
    void deniedCallersGetAccessDeniedAndChangeNothing() throws Exception {
        Path file = S3ClientGateway.textFile(dir, "carol.txt", "carol may not write");
        aws(CAROL, "s3api", "put-object", "--bucket", BUCKET, "--key", "aws/carol.txt",
                "--body", file.toString()).failedWith("AccessDenied");
        aws(CAROL, "s3", "cp", file.toString(), s3("aws/carol.txt")).failedWith("AccessDenied");
        assertThat(gw.stored("aws/carol.txt")).isNull();

        aws(DAVE, "s3api", "get-object", "--bucket", BUCKET, "--key", SECRET,
                dir.resolve("secret.out").toString()).failedWith("AccessDenied");
        assertThat(dir.resolve("secret.out")).doesNotExist();
        aws(DAVE, "s3api", "delete-object", "--bucket", BUCKET, "--key", SECRET).failedWith("AccessDenied");
        assertThat(gw.stored(SECRET)).asString(StandardCharsets.UTF_8).isEqualTo(SECRET_TEXT);
    }

    @Test
    void aWrongSecretGetsSignatureDoesNotMatch() throws Exception {
        Path file = S3ClientGateway.textFile(dir, "wrong.txt", "never stored");
        aws(WRONG, "s3api", "put-object", "--bucket", BUCKET, "--key", "aws/wrong.txt",
                "--body", file.toString()).failedWith("SignatureDoesNotMatch");
        aws(WRONG, "s3api", "list-objects-v2", "--bucket", BUCKET).failedWith("SignatureDoesNotMatch");
        assertThat(gw.stored("aws/wrong.txt")).isNull();
    }

    @Test
    void listBucketsAtTheGatewaysAddressGoesToTheRouteNamingItForCallersAllowedGetService() throws Exception {
        Result buckets = aws(ROOT, "s3", "ls").succeeded();
        assertThat(buckets.out()).contains(BUCKET);
        // bob may read and write the bucket, but not list the account's buckets
        aws(BOB, "s3", "ls").failedWith("AccessDenied");
        aws(WRONG, "s3", "ls").failedWith("SignatureDoesNotMatch");
    }
}
