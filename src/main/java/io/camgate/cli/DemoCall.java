package io.camgate.cli;

import io.camgate.cos.PercentCodec;
import io.camgate.sign.HeaderOnlyRequest;
import io.camgate.sign.RequestSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request of the demo, signed the COS v5 way (or not at all) and sent over a fresh
 * loopback connection with the real COS Host header, the way an SDK whose endpoint resolves
 * to the gateway would send it. Small bodies only.
 *
 * @param method the HTTP method
 * @param host   the COS host, e.g. {@code examplebucket-1250000001.cos.ap-shanghai.myqcloud.com}
 * @param path   the decoded path, {@code /key}
 * @param body   the body, empty for none
 */
record DemoCall(String method, String host, String path, byte[] body) {
    /** What came back. */
    record Reply(int status, Map<String, String> headers, String body) {
        /** The {@code <Code>} of a COS error body, or "" when there is none. */
        String code() {
            int start = body.indexOf("<Code>");
            int end = body.indexOf("</Code>");
            return start < 0 || end < start ? "" : body.substring(start + 6, end);
        }
    }

    /** The headers as sent, before the signature. */
    private Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", host);
        h.put("Content-Length", Integer.toString(body.length));
        return h;
    }

    /**
     * Sends it to {@code port} on loopback.
     *
     * @param secretId  the SecretId to sign with, or null for an anonymous request
     * @param secretKey its SecretKey
     */
    Reply send(int port, String secretId, String secretKey) throws IOException {
        return send(port, "", Map.of(), secretId, secretKey);
    }

    /**
     * Sends it to {@code port} on loopback with {@code prefix} before the path on the request
     * line (the signature still covers the path alone) and {@code extra} headers after the
     * signed ones: the shape in which a proxy asks a decision service about a request.
     */
    Reply send(int port, String prefix, Map<String, String> extra, String secretId, String secretKey)
            throws IOException {
        Map<String, String> headers = headers();
        if (secretId != null) {
            long now = System.currentTimeMillis() / 1000;
            headers.put("Authorization", RequestSigner.authorization(new HeaderOnlyRequest(method, path, headers), secretId,
                    secretKey, now - 60, now + 600, List.of("host", "content-length")));
        }
        headers.putAll(extra);
        StringBuilder head = new StringBuilder(method).append(' ').append(prefix)
                .append(PercentCodec.encodePath(path)).append(" HTTP/1.1\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String[] lines = (split < 0 ? text : text.substring(0, split)).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        return new Reply(status, headers, split < 0 ? "" : text.substring(split + 4));
    }
}
