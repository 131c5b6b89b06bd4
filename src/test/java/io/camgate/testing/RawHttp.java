package io.camgate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client that writes exactly the bytes it is given and reads HTTP/1.1 responses byte by
 * byte, for requests no real client would send. Reads are bounded by a socket timeout, which
 * only turns a hang into a failure.
 */
public final class RawHttp implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private final Socket socket;
    private final InputStream in;

    /**
     * One response.
     *
     * @param status  the status code
     * @param headers header names in lower case → the last value
     * @param body    the body as text (ISO-8859-1), complete unless the connection ended early
     */
    public record Reply(int status, Map<String, String> headers, String body) {
        /** The COS error code in the body, or null. */
        public String code() {
            Matcher m = CODE.matcher(body);
            return m.find() ? m.group(1) : null;
        }

        @Override
        public String toString() {
            return status + " " + code() + " " + headers + "\n" + body;
        }
    }

    /** Connects to the loopback port {@code port}. */
    public RawHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = socket.getInputStream();
    }

    /** The socket, for writing in pieces. */
    public Socket socket() {
        return socket;
    }

    /** Writes {@code raw} (ISO-8859-1, so every char is one byte). */
    public RawHttp send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code raw}. */
    public RawHttp send(byte[] raw) throws IOException {
        socket.getOutputStream().write(raw);
        socket.getOutputStream().flush();
        return this;
    }

    /** One request on a new connection and its response. */
    public static Reply exchange(int port, String raw) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            return http.send(raw).read();
        }
    }

    /**
     * Reads the next response (skipping {@code 100 Continue}); its body by Content-Length,
     * chunks, or to the end of the stream. Null when the connection ends before a status line.
     */
    public Reply read() throws IOException {
        while (true) {
            String status = line();
            if (status == null) {
                return null;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String h;
            while ((h = line()) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            if (code == 100) {
                continue;
            }
            return new Reply(code, headers, body(headers));
        }
    }

    /** Reads an interim {@code 100 Continue} and returns true, or false when something else came. */
    public boolean awaitContinue() throws IOException {
        String status = line();
        if (status == null || !status.startsWith("HTTP/1.1 100 ")) {
            return false;
        }
        return "".equals(line());
    }

    private String body(Map<String, String> headers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            String size;
            while ((size = line()) != null && Integer.parseInt(size.split(";")[0].strip(), 16) > 0) {
                out.write(in.readNBytes(Integer.parseInt(size.split(";")[0].strip(), 16)));
                line();
            }
            line();
        } else if (headers.containsKey("content-length")) {
            out.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            out.write(in.readAllBytes());
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether the peer closed (or reset) the connection: the next read sees its end, not data. */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException e) {
            return true;
        }
    }

    private String line() throws IOException {
        return readLine(in);
    }

    /**
     * One line of {@code in} as ISO-8859-1 text, without its LF or CRLF; what is left at the
     * end of the stream, or null when nothing is.
     */
    public static String readLine(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int last = s.length() - 1;
                return last >= 0 && s.charAt(last) == '\r' ? s.substring(0, last) : s.toString();
            }
            s.append((char) b);
        }
        return s.length() == 0 ? null : s.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
