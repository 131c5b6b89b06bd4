package io.camgate.logs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
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

    /** The field names, encoded once. */
    private static final SerializableString TIME = new SerializedString("time");
    private static final SerializableString REQUEST_ID = new SerializedString("requestId");
    private static final SerializableString METHOD = new SerializedString("method");
    private static final SerializableString URI = new SerializedString("uri");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString OUTCOME = new SerializedString("outcome");
    private static final SerializableString BYTES_IN = new SerializedString("bytesIn");
    private static final SerializableString BYTES_OUT = new SerializedString("bytesOut");
    private static final SerializableString DURATION_MS = new SerializedString("durationMs");
    private static final SerializableString PRINCIPAL = new SerializedString("principal");
    private static final SerializableString CLIENT_IP = new SerializedString("clientIp");
    private static final SerializableString HOST = new SerializedString("host");
    private static final SerializableString BUCKET = new SerializedString("bucket");
    private static final SerializableString ROUTE = new SerializedString("route");
    private static final SerializableString UPSTREAM_STATUS = new SerializedString("upstreamStatus");
    private static final SerializableString UPSTREAM_REQUEST_ID = new SerializedString("upstreamRequestId");

    @Override
    public void encode(LineEncoder out) throws IOException {
        JsonGenerator json = out.begin(AccessLog.LOGGER, "access");
        json.writeFieldName(TIME);
        out.writeMillis(startedMillis);
        json.writeFieldName(REQUEST_ID);
        json.writeString(requestId);
        json.writeFieldName(METHOD);
        json.writeString(method);
        json.writeFieldName(URI);
        AccessLog.redact(uri, out.text());
        out.writeText();
        json.writeFieldName(STATUS);
        json.writeNumber(status);
        json.writeFieldName(OUTCOME);
        json.writeString(outcome);
        json.writeFieldName(BYTES_IN);
        json.writeNumber(bytesIn);
        json.writeFieldName(BYTES_OUT);
        json.writeNumber(bytesOut);
        json.writeFieldName(DURATION_MS);
        out.writeNanosAsMillis(durationNanos);
        writeIfKnown(json, PRINCIPAL, principal);
        writeIfKnown(json, CLIENT_IP, clientIp);
        writeIfKnown(json, HOST, host);
        writeIfKnown(json, BUCKET, bucket);
        writeIfKnown(json, ROUTE, route);
        if (upstreamStatus != 0) {
            json.writeFieldName(UPSTREAM_STATUS);
            json.writeNumber(upstreamStatus);
        }
        writeIfKnown(json, UPSTREAM_REQUEST_ID, upstreamRequestId);
    }

    private static void writeIfKnown(JsonGenerator json, SerializableString name, String value) throws IOException {
        if (value != null) {
            json.writeFieldName(name);
            json.writeString(value);
        }
    }
}
