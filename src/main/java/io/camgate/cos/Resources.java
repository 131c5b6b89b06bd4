package io.camgate.cos;

import io.camgate.policy.ResourceName;

/**
 * The CAM resource strings of reference §2.1 and §3.1, built directly (nothing here is parsed):
 * COS buckets {@code qcs::cos:<region>:uid/<appid>:<bucket>/}, COS objects
 * {@code ...:<bucket>/<key>}, CI {@code qcs::ci:<region>:uid/<appid>:bucket/<bucket>/<key-or-*>}.
 * Keys stand as decoded, as CAM compares them.
 */
final class Resources {
    /** The name of CI's service role (see {@link #ciServiceRole}). */
    static final String CI_SERVICE_ROLE = "CI_QCSRole";

    private Resources() {
    }

    /** The bucket-level resource: the key is empty, so it ends in {@code /}. */
    static ResourceName cosBucket(String region, String appid, String bucket) {
        return cosObject(region, appid, bucket, "");
    }

    static ResourceName cosObject(String region, String appid, String bucket, String key) {
        String account = "uid/" + appid;
        String resource = bucket + "/" + key;
        return new ResourceName("qcs::cos:" + region + ":" + account + ":" + resource, "cos", region, account,
                resource, bucketOrNull(bucket));
    }

    /**
     * The CAM role CI acts through when it runs a job: {@code CI_QCSRole}, the service role the
     * CI console asks an account to authorize, in the bucket owner's account. A policy grants
     * it as {@code qcs::cam::uin/<owner>:roleName/CI_QCSRole}.
     */
    static ResourceName ciServiceRole(String ownerUin) {
        String account = "uin/" + ownerUin;
        String resource = "roleName/" + CI_SERVICE_ROLE;
        return new ResourceName("qcs::cam::" + account + ":" + resource, "cam", "", account, resource);
    }

    /** A CI resource on {@code key}, or on the whole bucket with {@code *}. */
    static ResourceName ci(String region, String appid, String bucket, String key) {
        String account = "uid/" + appid;
        String resource = "bucket/" + bucket + "/" + key;
        return new ResourceName("qcs::ci:" + region + ":" + account + ":" + resource, "ci", region, account,
                resource, bucketOrNull(bucket));
    }

    /** The bucket as a resource name holds it: an empty name names no bucket. */
    private static String bucketOrNull(String bucket) {
        return bucket.isEmpty() ? null : bucket;
    }
}
