package io.camgate.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.testing.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigV4SignerTest {
    @Test
    void publishedGetVanillaVector() {
        SigV4Signer signer = new SigV4Signer("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "us-east-1", "service");
        TreeMap<String, String> headers = new TreeMap<>(Map.of(
                "host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z"));
        String emptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThat(signer.authorization("GET", "/", List.of(), headers, emptySha256, "20150830T123600Z"))
                .isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void aRealS3ServerAcceptsWhatItSigns(@TempDir Path dir) throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(dir)) {
            SigV4Signer signer = new SigV4Signer(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL, "us-east-1", "s3");
            HttpClient http = HttpClient.newHttpClient();
            String key = "/bucket-one/dir/a b+c(腾讯云)~*.txt";
            assertThat(send(http, signer, s3, "PUT", "/bucket-one", List.of(), "").statusCode()).isEqualTo(200);
            assertThat(send(http, signer, s3, "PUT", key, List.of(), "hello world").statusCode()).isEqualTo(200);
            HttpResponse<String> get = send(http, signer, s3, "GET", key, List.of(), null);
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("hello world");
            HttpResponse<String> list = send(http, signer, s3, "GET", "/bucket-one",
                    List.of(Map.entry("prefix", "dir/a b"), Map.entry("list-type", "2")), null);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("<Key>dir/a b+c(腾讯云)~*.txt</Key>");

            SigV4Signer wrongSecret = new SigV4Signer(S3ProxyServer.IDENTITY, "not-the-secret", "us-east-1", "s3");
            assertThat(send(http, wrongSecret, s3, "GET", key, List.of(), null).statusCode()).isEqualTo(403);
        }
    }

    private static HttpResponse<String> send(HttpClient http, SigV4Signer signer, S3ProxyServer s3, String method,
            String decodedPath, List<Map.Entry<String, String>> query, String body) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "127.0.0.1:" + s3.port());
        Map<String, String> added = signer.sign(method, decodedPath, query, headers, Instant.now());
        StringBuilder target = new StringBuilder(s3.uri().toString()).append(encodePath(decodedPath));
        for (int i = 0; i < query.size(); i++) {
            target.append(i == 0 ? '?' : '&').append(encodeComponent(query.get(i).getKey())).append('=')
                    .append(encodeComponent(query.get(i).getValue()));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.toString()))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        added.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encodePath(String path) {
        return "/" + java.util.Arrays.stream(path.substring(1).split("/", -1))
                .map(SigV4SignerTest::encodeComponent).collect(java.util.stream.Collectors.joining("/"));
    }

    private static String encodeComponent(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
