package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.testing.Trials;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The start of POST Object forms: fields read up to the file, strictly, in any split of the bytes. */
class PostFormReaderTest {
    private static final String BOUNDARY = "----formBoundary7MA4YWxkTrZu0gW";

    /** A form with {@code fields} (name, value pairs), then a file part named {@code a.txt} holding {@code file}. */
    static byte[] form(String boundary, String file, String... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fields[i])
                    .append("\"\r\n\r\n").append(fields[i + 1]).append("\r\n");
        }
        b.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n")
                .append("Content-Type: text/plain\r\n\r\n").append(file).append("\r\n--").append(boundary)
                .append("--\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static PostForm read(byte[] body) throws ClassificationException {
        return PostFormReader.read(body, body.length, BOUNDARY, true);
    }

    private static void assertMalformed(byte[] body, String message) {
        assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(ClassificationException.class, e -> {
            assertThat(e.error()).isEqualTo(CosError.MALFORMED_POST_REQUEST);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheFieldsAndStopsAtTheFile() throws Exception {
        byte[] body = form(BOUNDARY, "hello", "key", "up/${filename}", "Content-Type", "text/plain", "x-cos-meta-a",
                "ünï");
        PostForm form = read(body);
        assertThat(form.fields()).containsOnlyKeys("key", "Content-Type", "x-cos-meta-a")
                .containsEntry("x-cos-meta-a", "ünï");
        assertThat(form.field("content-type")).isEqualTo("text/plain");
        assertThat(form.fileName()).isEqualTo("a.txt");
        assertThat(form.objectKey()).isEqualTo("up/a.txt");
        assertThat(new String(body, 0, form.filePart(), StandardCharsets.UTF_8)).endsWith("\r\nünï\r\n");
        assertThat(new String(body, form.filePart(), body.length - form.filePart(), StandardCharsets.UTF_8))
                .startsWith("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"");
        assertThat(new String(body, form.fileContent(), 5, StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(body.length - form.fileContent() - form.closingLength()).isEqualTo(5);
    }

    @Test
    void everySplitOfTheBytesGivesTheSameFormOrAsksForMore() {
        byte[] body = form(BOUNDARY, "content", "key", "k", "policy", "cG9saWN5", "acl", "private");
        Trials.run(500, random -> {
            int cut = random.nextInt(body.length + 1);
            PostForm form = PostFormReader.read(body, cut, BOUNDARY, false);
            if (form != null) {
                assertThat(form).isEqualTo(read(body));
                assertThat(cut).isGreaterThanOrEqualTo(form.fileContent());
            } else {
                assertThat(cut).isLessThan(read(body).fileContent());
            }
        });
    }

    @Test
    void refusesFieldsLargerThanTheBound() {
        String big = "x".repeat(PostFormReader.MAX_FIELD_BYTES);
        byte[] body = form(BOUNDARY, "f", "key", "k", "x-cos-meta-big", big);
        assertMalformed(body, "exceed");
        assertThatThrownBy(() -> PostFormReader.read(body, PostFormReader.MAX_FIELD_BYTES, BOUNDARY, false))
                .isInstanceOf(ClassificationException.class);
    }

    @Test
    void aFormWithoutAFileIsMalformed() {
        String s = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n--" + BOUNDARY
                + "--\r\n";
        assertMalformed(text(s), "no file field");
        assertMalformed(text(s.substring(0, 40)), "ends before its file");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "preamble\r\n--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx",
        "--B\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n--B\r\n"
            + "Content-Disposition: form-data; name=\"KEY\"\r\n\r\nk2\r\n--B\r\nContent-Disposition: form-data; name=file\r\n\r\nx",
        "--B\r\nContent-Disposition: form-data; name=\"key\"; name=\"file\"\r\n\r\nx",
        "--B\r\nContent-Disposition: form-data; name=\"key\"\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx",
        "--B\r\nContent-Disposition: form-data; name=\"key\"\r\n folded\r\n\r\nx",
        "--B\r\nContent-Disposition: attachment; name=\"file\"\r\n\r\nx",
        "--B\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx",
        "--B\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''a.txt\r\n\r\nx",
        "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\\\".txt\"\r\n\r\nx",
        "--B\r\nContent-Disposition: form-data; name=\"file\r\n\r\nx",
        "--B\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx",
        "--B\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n--B  \r\n"
            + "Content-Disposition: form-data; name=\"file\"\r\n\r\nx",
    })
    void refusesWhatTwoParsersCouldReadDifferently(String body) {
        assertThatThrownBy(() -> PostFormReader.read(text(body), text(body).length, "B", true))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.MALFORMED_POST_REQUEST));
    }

    @Test
    void refusesFieldsThatAreNotUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text("--B\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n"));
        out.write(0xC3);
        out.writeBytes(text("\r\n--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx"));
        byte[] body = out.toByteArray();
        assertThatThrownBy(() -> PostFormReader.read(body, body.length, "B", true))
                .isInstanceOf(ClassificationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data; boundary=abc", "Multipart/Form-Data;boundary=\"abc\"",
        "multipart/form-data; charset=utf-8; boundary=abc"})
    void readsTheBoundary(String contentType) throws Exception {
        assertThat(PostFormReader.boundary(contentType)).isEqualTo("abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=",
        "multipart/form-data; boundary=a; boundary=b", "multipart/mixed; boundary=abc",
        "multipart/form-data; boundary=a\u0001b"})
    void refusesOtherBodies(String contentType) {
        assertThatThrownBy(() -> PostFormReader.boundary(contentType))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.MALFORMED_POST_REQUEST));
    }

    @Test
    void theKeyTakesTheFileNameOnceAndRefusesWhatAStoreWouldReplaceAgain() throws Exception {
        PostForm form = new PostForm("B", java.util.Map.of("key", "in/${filename}"), "x.bin", 0, 0);
        assertThat(form.objectKey()).isEqualTo("in/x.bin");
        for (PostForm bad : List.of(new PostForm("B", java.util.Map.of("key", "in/${filename}"), "${filename}", 0, 0),
                new PostForm("B", java.util.Map.of("key", ""), "", 0, 0),
                new PostForm("B", java.util.Map.of("key", "a\u007fb"), "", 0, 0))) {
            assertThatThrownBy(bad::objectKey).isInstanceOf(ClassificationException.class);
        }
        assertThatThrownBy(new PostForm("B", java.util.Map.of(), "", 0, 0)::objectKey)
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.MALFORMED_POST_REQUEST));
    }

    @Test
    void postObjectTakesItsKeyAndConditionsFromTheForm() throws Exception {
        CosRequest r = Fixtures.classify("POST", Fixtures.HOST, "/");
        assertThat(r.awaitsBody()).isTrue();
        PostForm form = read(form(BOUNDARY, "x", "key", "up/${filename}", "acl", "public-read",
                "Content-Type", "image/png", "x-cos-storage-class", "STANDARD_IA"));
        CosRequest full = r.withForm(form, 1);
        assertThat(CosOperationsTest.needs(full)).containsExactly("cos:PostObject " + Fixtures.cosResource("up/a.txt"));
        assertThat(full.conditions().get(ConditionKeys.ACL)).containsExactly("public-read");
        assertThat(full.conditions().get(ConditionKeys.CONTENT_TYPE)).containsExactly("image/png");
        assertThat(full.conditions().get(ConditionKeys.STORAGE_CLASS)).containsExactly("STANDARD_IA");
        assertThat(full.conditions().get(ConditionKeys.CONTENT_LENGTH)).containsExactly("1");
        assertThatThrownBy(() -> full.withForm(form, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> r.withDeletedObjects(List.of())).isInstanceOf(IllegalStateException.class);
        PostForm otherBucket = read(form(BOUNDARY, "x", "key", "k", "bucket", Fixtures.OTHER_BUCKET));
        assertThatThrownBy(() -> r.withForm(otherBucket, 1)).isInstanceOfSatisfying(ClassificationException.class,
                e -> assertThat(e.error()).isEqualTo(CosError.ACCESS_DENIED));
    }
}
