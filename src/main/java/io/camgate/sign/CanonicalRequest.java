package io.camgate.sign;

import io.camgate.policy.HexDigit;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the SigV4 canonical request of an S3 request: method, canonical URI, canonical query,
 * the signed headers, the signed-header list and the payload line. S3's rules, not the generic
 * service's: the path is encoded once and never normalised ({@code //}, {@code ./} and
 * {@code ../} are signed as sent), and the query is the decoded parameters re-encoded (RFC 3986,
 * upper-case hex) and sorted by name, then value.
 */
final class CanonicalRequest {
    private static final boolean[] UNRESERVED = new boolean[128];
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    static {
        for (char c = 0; c < 128; c++) {
            UNRESERVED[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
        }
    }

    private CanonicalRequest() {
    }

    /**
     * Writes the canonical request to {@code out}.
     *
     * @param skipSignature leave out {@code X-Amz-Signature} (a presigned URL)
     * @return false when a signed header is absent from the request (the signature cannot match)
     */
    static boolean write(AwsSignedRequest request, SignedNames headers, boolean skipSignature, String payloadLine,
            ByteSink out) {
        out.reset();
        out.ascii(request.method());
        out.put((byte) '\n');
        uri(request.rawPath(), out);
        out.put((byte) '\n');
        query(request, skipSignature, out);
        out.put((byte) '\n');
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            List<String> values = request.headerValues(name);
            if (values.isEmpty()) {
                return false;
            }
            out.ascii(name);
            out.put((byte) ':');
            for (int v = 0; v < values.size(); v++) {
                if (v > 0) {
                    out.put((byte) ',');
                }
                headerValue(values.get(v), out);
            }
            out.put((byte) '\n');
        }
        out.put((byte) '\n');
        out.ascii(headers.text());
        out.put((byte) '\n');
        out.ascii(payloadLine);
        return true;
    }

    /**
     * The path as sent, each byte encoded once: an escape of an unreserved character is written
     * as that character, any other escape (including {@code %2F}) stays an escape with upper-case
     * hex, and a raw character outside the unreserved set and {@code /} is escaped. Clients that
     * escape more or less than AWS does therefore still meet the canonical form.
     */
    static void uri(String raw, ByteSink out) {
        if (raw.isEmpty()) {
            out.put((byte) '/');
            return;
        }
        for (int i = 0, n = raw.length(); i < n; i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < n && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                int b = hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2));
                if (b < 128 && UNRESERVED[b]) {
                    out.put((byte) b);
                } else {
                    escape(b, out);
                }
                i += 2;
            } else if (c < 128 && (UNRESERVED[c] || c == '/')) {
                out.put((byte) c);
            } else if (c < 128) {
                escape(c, out);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                for (byte b : utf8) {
                    escape(b & 0xff, out);
                }
            }
        }
    }

    private static int hex(char c) {
        return HexDigit.value(c);
    }

    private static void escape(int b, ByteSink out) {
        out.put((byte) '%');
        out.put(HEX[b >>> 4]);
        out.put(HEX[b & 0xf]);
    }

    private static void query(SignedRequest request, boolean skipSignature, ByteSink out) {
        int n = request.parameterCount();
        if (n == 0) {
            return;
        }
        String[] pairs = new String[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            String name = request.parameterName(i);
            if (skipSignature && SigV4Authorization.Q_SIGNATURE.equals(name)) {
                continue;
            }
            // '\u0000' sorts below every encoded byte, so pairs order by name, then value.
            pairs[count++] = encode(name) + '\u0000' + encode(request.parameterValue(i));
        }
        if (count > 1) {
            Arrays.sort(pairs, 0, count);
        }
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                out.put((byte) '&');
            }
            String pair = pairs[k];
            int split = pair.indexOf('\u0000');
            out.ascii(pair.substring(0, split));
            out.put((byte) '=');
            out.ascii(pair.substring(split + 1));
        }
    }

    /** RFC 3986 encoding with upper-case hex; the string itself when nothing needs escaping. */
    private static String encode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !UNRESERVED[c]) {
                ByteSink sink = new ByteSink();
                sink.encoded(s);
                return sink.text();
            }
        }
        return s;
    }

    /** A header value trimmed, with each run of spaces and tabs inside it made one space. */
    private static void headerValue(String value, ByteSink out) {
        int from = 0;
        int to = value.length();
        while (from < to && isBlank(value.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(value.charAt(to - 1))) {
            to--;
        }
        boolean blank = false;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (isBlank(c)) {
                blank = true;
                continue;
            }
            if (blank) {
                out.put((byte) ' ');
                blank = false;
            }
            if (c < 0x100) {
                // Header bytes arrive as ISO-8859-1 characters: write back the bytes the client signed.
                out.put((byte) c);
            } else {
                out.utf8(String.valueOf(c));
            }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
