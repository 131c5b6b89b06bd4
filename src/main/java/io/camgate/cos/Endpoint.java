package io.camgate.cos;

/**
 * What the Host header says: its form, and the bucket, APPID and region it names.
 *
 * @param kind   the host form
 * @param host   the host as compared: lower case, no port, no trailing dot
 * @param bucket the full bucket name, or null when the host names none
 * @param appid  the bucket's APPID, or null with no bucket
 * @param region the region, or {@code ""} for hosts that span regions ({@code service.cos...})
 */
public record Endpoint(HostKind kind, String host, String bucket, String appid, String region) {
}
