package io.camgate.logs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The access log: one JSON line per request with its id, method, target (signatures and tokens
 * in the query replaced by {@code REDACTED}), status, outcome, body bytes each way, duration and
 * principal, the time it arrived, the client, the Host and bucket, the route, and the store's
 * status and request id (an {@link AccessLine}). Lines carry the logger name {@code camgate.access}
 * and the message {@code access}, and go through a {@link LogWriter}.
 */
public final class AccessLog {
    /** The value of a line's {@code logger} field. */
    public static final String LOGGER = "camgate.access";
    /** Query parameters whose values never reach a log. */
    static final Set<String> SECRET_PARAMETERS = Set.of("q-signature", "sign", "x-cos-security-token", "signature",
            "x-amz-signature", "x-amz-security-token");
    /** The same, to compare with in place without an iterator. */
    private static final String[] SECRET_NAMES = SECRET_PARAMETERS.toArray(String[]::new);

    private final LogWriter writer;

    /** @param writer encodes and writes the lines */
    public AccessLog(LogWriter writer) {
        this.writer = writer;
    }

    /** Each line encoded on the caller's thread and handed to {@code lines}. */
    public AccessLog(Consumer<String> lines) {
        this(LogWriter.direct(lines));
    }

    /** One finished request; only queued here, redacted and encoded on the writer's thread. */
    public void record(AccessLine line) {
        writer.write(line);
    }

    /** {@code uri} with the value of every secret query parameter replaced; the path is kept as sent. */
    static String redact(String uri) {
        StringBuilder out = new StringBuilder(uri.length());
        redact(uri, out);
        return out.toString();
    }

    /**
     * Appends {@code uri} to {@code out} with the value of every secret query parameter replaced,
     * parameter by parameter in place: a pre-signed URL's long query is not split into copies.
     */
    static void redact(String uri, StringBuilder out) {
        int q = uri.indexOf('?');
        if (q < 0) {
            out.append(uri);
            return;
        }
        out.append(uri, 0, q + 1);
        for (int start = q + 1; start <= uri.length(); ) {
            int end = uri.indexOf('&', start);
            if (end < 0) {
                end = uri.length();
            }
            int eq = uri.indexOf('=', start);
            boolean valued = eq >= 0 && eq < end;
            if (start > q + 1) {
                out.append('&');
            }
            if (valued && secret(uri, start, eq)) {
                out.append(uri, start, eq + 1).append("REDACTED");
            } else {
                out.append(uri, start, end);
            }
            start = end + 1;
        }
    }

    /**
     * Whether the parameter name {@code uri[start, end)} is secret, in any case, and also when
     * percent-escaped. The common spelling is compared in place, without copying the name.
     */
    private static boolean secret(String uri, int start, int end) {
        int length = end - start;
        for (String name : SECRET_NAMES) {
            if (name.length() == length && uri.regionMatches(true, start, name, 0, length)) {
                return true;
            }
        }
        for (int i = start; i < end; i++) {
            if (uri.charAt(i) == '%') {
                return SECRET_PARAMETERS.contains(decodedName(uri.substring(start, end).toLowerCase(Locale.ROOT)));
            }
        }
        return false;
    }

    /** The name with percent-escapes of letters and '-' undone, so an escaped name is not missed. */
    private static String decodedName(String name) {
        try {
            return URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
