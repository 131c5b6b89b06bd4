package io.camgate.logs;

/**
 * Where a request came from and where it went, for its access log line: the parts that are
 * not the request itself.
 *
 * @param startedMillis     when its head arrived, milliseconds since the epoch
 * @param clientIp          the client's address
 * @param host              the Host it named, or null
 * @param bucket            the bucket it addressed, or null (service requests, or refused before that was known)
 * @param route             the route that took it, or null
 * @param upstreamStatus    the store's status, or 0 when no response came from the store
 * @param upstreamRequestId the store's own request id, or null
 */
public record ServedBy(long startedMillis, String clientIp, String host, String bucket, String route,
        int upstreamStatus, String upstreamRequestId) {
}
