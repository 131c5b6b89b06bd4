package io.camgate.logs;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One finished request, as the request path hands it to the access log: one object holding what
 * the line says, copied from the connection's state, which the next request reuses. The target
 * is redacted and the line encoded on the log writer's thread.
 *
 * @param requestId         the gateway's request id
 * @param method            the HTTP method
 * @param uri               the request target as sent (secrets are redacted when it is written)
 * @param status            the status the client got
 * @param outcome           how the request ended ({@code allow}, {@code deny}, ...)
 * @param bytesIn           body bytes received from the client
 * @param bytesOut          body bytes sent to the client
 * @param durationNanos     how long it took
 * @param principal         the caller's uin, {@code anonymous}, or null when not authenticated
 * @param startedMillis     when its head arrived, milliseconds since the epoch
 * @param clientIp          the client's address
 * @param host              the Host it named, or null
 * @param bucket            the bucket it addressed, or null (service requests, or refused before that was known)
 * @param route             the route that took it, or null
 * @param upstreamStatus    the store's status, or 0 when no response came from the store
 * @param upstreamRequestId the store's own request id, or null
 */
public record AccessLine(String requestId, String method, String uri, int status, String outcome, long bytesIn,
        long bytesOut, long durationNanos, String principal, long startedMillis, String clientIp, String host,
        String bucket, String route, int upstreamStatus, String upstreamRequestId) implements LogLine {

    @Override
    public void encode(LineEncoder out) throws IOException {
        JsonGenerator json = out.begin(AccessLog.LOGGER, "access");
        json.writeFieldName("time");
        out.writeMillis(startedMillis);
        json.writeStringField("requestId", requestId);
        json.writeStringField("method", method);
        json.writeStringField("uri", AccessLog.redact(uri));
        json.writeNumberField("status", status);
        json.writeStringField("outcome", outcome);
        json.writeNumberField("bytesIn", bytesIn);
        json.writeNumberField("bytesOut", bytesOut);
        json.writeNumberField("durationMs", durationNanos / 1_000_000d);
        writeIfKnown(json, "principal", principal);
        writeIfKnown(json, "clientIp", clientIp);
        writeIfKnown(json, "host", host);
        writeIfKnown(json, "bucket", bucket);
        writeIfKnown(json, "route", route);
        if (upstreamStatus != 0) {
            json.writeNumberField("upstreamStatus", upstreamStatus);
        }
        writeIfKnown(json, "upstreamRequestId", upstreamRequestId);
    }

    private static void writeIfKnown(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
