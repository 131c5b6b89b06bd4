package io.camgate.identity;

/**
 * A bucket known to the gateway.
 *
 * @param name       the full name, {@code <bucketname>-<appid>}
 * @param appid      the owning account's APPID (the part after the last {@code -})
 * @param region     the bucket's region, e.g. {@code ap-shanghai}
 * @param ownerUin   the owning root account's uin
 * @param policyFile the bucket policy's file in {@code bucket-policies/}, or null for none
 */
public record Bucket(String name, String appid, String region, String ownerUin, String policyFile) {
}
