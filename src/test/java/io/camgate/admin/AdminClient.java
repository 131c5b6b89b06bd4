package io.camgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camgate.sign.HeaderOnlyRequest;
import io.camgate.sign.RequestSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** A real HTTP client for the admin listener that signs CAM calls the COS v5 way. */
public final class AdminClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public AdminClient(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with the header {@code Authorization: authorization}. */
    HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A CAM 3.0 call signed with {@code secretId}/{@code secretKey}; the parsed {@code Response}. */
    public JsonNode cam(String secretId, String secretKey, String action, String params) throws Exception {
        return JSON.readTree(send(secretId, secretKey, action, params, params).body()).path("Response");
    }

    /** A legacy envelope call; the parsed answer. */
    JsonNode legacy(String secretId, String secretKey, String envelope) throws Exception {
        return JSON.readTree(send(secretId, secretKey, null, envelope, envelope).body());
    }

    /** Signs for {@code signedBody} but sends {@code sentBody}, so tests can tamper. */
    public HttpResponse<String> send(String secretId, String secretKey, String action, String signedBody,
            String sentBody) throws Exception {
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", "127.0.0.1:" + port);
        headers.put("content-md5", Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("MD5").digest(signedBody.getBytes(StandardCharsets.UTF_8))));
        if (action != null) {
            headers.put("x-tc-action", action);
        }
        long now = System.currentTimeMillis() / 1000;
        String authorization = RequestSigner.authorization(new HeaderOnlyRequest("POST", "/cam", headers), secretId, secretKey,
                now - 60, now + 600, headers.keySet());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/cam"))
                .POST(HttpRequest.BodyPublishers.ofString(sentBody))
                .header("Authorization", authorization)
                .header("Content-MD5", headers.get("content-md5"));
        if (action != null) {
            b.header("X-TC-Action", action);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
