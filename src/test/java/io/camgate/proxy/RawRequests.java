package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.HOST;

import io.camgate.sign.HeaderOnlyRequest;
import io.camgate.sign.RequestSigner;
import java.util.LinkedHashMap;
import java.util.Map;

/** Request heads as raw text for {@link io.camgate.testing.RawHttp}, anonymous or signed the COS way. */
final class RawRequests {
    private RawRequests() {
    }

    /** An anonymous GET of {@code target} on the example bucket's host, closing the connection after. */
    static String get(String target) {
        return get(HOST, target);
    }

    /** An anonymous GET of {@code target} with {@code host}, closing the connection after. */
    static String get(String host, String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    /**
     * A request head up to (not including) the blank line, signed with the header carrier over
     * {@code host} and {@code headers}, valid from {@code fromSeconds} to {@code toSeconds}
     * relative to now; {@code path} is what the signature covers, {@code target} what is sent.
     * It asks for the connection to close after the response.
     */
    static String signed(String method, String host, String path, String target, Map<String, String> headers,
            String id, String key, long fromSeconds, long toSeconds) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", host);
        all.putAll(headers);
        long now = System.currentTimeMillis() / 1000;
        String auth = RequestSigner.authorization(new HeaderOnlyRequest(method, path, all), id, key,
                now + fromSeconds, now + toSeconds, all.keySet());
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        all.forEach((n, v) -> head.append(n).append(": ").append(v).append("\r\n"));
        return head.append("Authorization: ").append(auth).append("\r\nConnection: close\r\n").toString();
    }

    /** {@link #signed} for the example bucket, with target and signed path the same, valid for ten minutes. */
    static String signed(String method, String target, String id, String key) {
        return signed(method, HOST, target, target, Map.of(), id, key, -60, 600);
    }
}
