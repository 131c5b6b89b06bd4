package io.camgate.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How the HttpString is rebuilt from the client's lists, on the cases the SDK matrix does not reach. */
class HttpStringWriterTest {
    private static String write(TestRequest request, String params, String headers) throws Exception {
        ByteSink out = new ByteSink();
        boolean complete = HttpStringWriter.write(request, SignedNames.parse("p", params),
                SignedNames.parse("h", headers), out);
        return complete ? out.text() : null;
    }

    @Test
    void repeatedValuesAreEachSignedInEncodedOrder() throws Exception {
        TestRequest request = new TestRequest("GET", "/").param("a", "2").param("A", "1").param("b", "x y")
                .header("X-Cos-Meta-A", "z").header("x-cos-meta-a", " y ");
        assertThat(write(request, "a;b", "x-cos-meta-a"))
                .isEqualTo("get\n/\na=1&a=2&b=x%20y\nx-cos-meta-a=y&x-cos-meta-a=z\n");
    }

    @Test
    void listsAreReadInSortedOrderWhateverTheClientWrote() throws Exception {
        TestRequest request = new TestRequest("GET", "/k").param("b", "2").param("a", "1").header("Host", "h")
                .header("Date", "d");
        assertThat(write(request, "b;a", "host;date")).isEqualTo("get\n/k\na=1&b=2\ndate=d&host=h\n");
    }

    @Test
    void encodedNamesMatchTheirRawNames() throws Exception {
        TestRequest request = new TestRequest("GET", "/").param("x*y", "a/b").param("名", "值");
        assertThat(write(request, "x%2ay;%e5%90%8d", ""))
                .isEqualTo("get\n/\n%e5%90%8d=%E5%80%BC&x%2ay=a%2Fb\n\n");
    }

    @Test
    void aNameThatIsNotCanonicalOrNotCarriedLeavesTheStringIncomplete() throws Exception {
        TestRequest request = new TestRequest("GET", "/").param("acl", "").header("Host", "h");
        assertThat(write(request, "", "Host")).isNull();
        assertThat(write(request, "ACL", "host")).isNull();
        assertThat(write(request, "x%2Ay", "host")).isNull();
        assertThat(write(request, "", "host;date")).isNull();
        assertThat(write(request, "acl", "host")).isEqualTo("get\n/\nacl=\nhost=h\n");
    }

    @Test
    void thePathIsWrittenRawAndUnnormalized() throws Exception {
        assertThat(write(new TestRequest("GET", "/a//b/../c/./%2F 😀"), "", ""))
                .isEqualTo("get\n/a//b/../c/./%2F 😀\n\n\n");
    }

    @Test
    void signaturesAndTokensAreNeverComparedWithPlainEquality() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/camgate/sign"))) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                assertThat(text).as(file.toString()).doesNotContain("Arrays.equals(");
                assertThat(List.of(text.contains("signature().equals("), text.contains("token().equals(")))
                        .as(file.toString()).containsOnly(false);
            }
        }
    }
}
