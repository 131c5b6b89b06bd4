package io.camgate.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one JSON line per request with its id, method, target (signatures and tokens
 * in the query replaced by {@code REDACTED}), status, outcome, body bytes each way, duration and
 * principal, and from {@link ServedBy} the time it arrived, the client, the Host and bucket, the
 * route, and the store's status and request id. Lines go to the SLF4J logger {@code camgate.access}
 * (message {@code access}, these fields beside it in the same JSON object) unless a sink is given.
 */
public final class AccessLog {
    /** Query parameters whose values never reach a log. */
    static final Set<String> SECRET_PARAMETERS = Set.of("q-signature", "sign", "x-cos-security-token", "signature",
            "x-amz-signature", "x-amz-security-token");
    private static final Logger LOG = LoggerFactory.getLogger("camgate.access");

    private final LogWriter writer;
    private final Consumer<ObjectNode> sink;

    /**
     * @param writer formats and writes the lines
     * @param sink   where lines go
     */
    public AccessLog(LogWriter writer, Consumer<ObjectNode> sink) {
        this.writer = writer;
        this.sink = sink;
    }

    /** Lines written to {@code sink} on the caller's thread. */
    public AccessLog(Consumer<ObjectNode> sink) {
        this(LogWriter.DIRECT, sink);
    }

    /** Logs to {@code camgate.access} through {@code writer}. */
    public static AccessLog toSlf4j(LogWriter writer) {
        return new AccessLog(writer, JsonLine.to(LOG, "access"));
    }

    /**
     * One finished request. Formatting (and redaction) happens on the writer's thread.
     *
     * @param principal the caller's uin, {@code anonymous}, or null when not authenticated
     * @param served    where it came from and went
     */
    public void record(String requestId, String method, String uri, int status, String outcome, long bytesIn,
            long bytesOut, long durationNanos, String principal, ServedBy served) {
        writer.execute(() -> sink.accept(line(requestId, method, uri, status, outcome, bytesIn, bytesOut,
                durationNanos, principal, served)));
    }

    private static ObjectNode line(String requestId, String method, String uri, int status, String outcome,
            long bytesIn, long bytesOut, long durationNanos, String principal, ServedBy served) {
        ObjectNode line = JsonLine.start();
        line.put("time", Instant.ofEpochMilli(served.startedMillis()).toString());
        line.put("requestId", requestId).put("method", method).put("uri", redact(uri)).put("status", status)
                .put("outcome", outcome).put("bytesIn", bytesIn).put("bytesOut", bytesOut)
                .put("durationMs", durationNanos / 1_000_000d);
        if (principal != null) {
            line.put("principal", principal);
        }
        putIfKnown(line, "clientIp", served.clientIp());
        putIfKnown(line, "host", served.host());
        putIfKnown(line, "bucket", served.bucket());
        putIfKnown(line, "route", served.route());
        if (served.upstreamStatus() != 0) {
            line.put("upstreamStatus", served.upstreamStatus());
        }
        putIfKnown(line, "upstreamRequestId", served.upstreamRequestId());
        return line;
    }

    private static void putIfKnown(ObjectNode line, String name, String value) {
        if (value != null) {
            line.put(name, value);
        }
    }

    /** {@code uri} with the value of every secret query parameter replaced; the path is kept as sent. */
    static String redact(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri.length()).append(uri, 0, q + 1);
        // parameter by parameter in place: a pre-signed URL's long query is not split into copies
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
            String name = uri.substring(start, valued ? eq : end).toLowerCase(Locale.ROOT);
            if (valued && SECRET_PARAMETERS.contains(decodedName(name))) {
                out.append(uri, start, eq + 1).append("REDACTED");
            } else {
                out.append(uri, start, end);
            }
            start = end + 1;
        }
        return out.toString();
    }

    /** The name with percent-escapes of letters and '-' undone, so an escaped name is not missed. */
    private static String decodedName(String name) {
        if (name.indexOf('%') < 0) {
            return name;
        }
        try {
            return URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
