package io.camgate.cos;

import io.camgate.policy.ResourceName;

/**
 * The CAM resource strings of reference §2.1 and §3.1, built directly (nothing here is parsed):
 * COS buckets {@code qcs::cos:<region>:uid/<appid>:<bucket>/}, COS objects
 * {@code ...:<bucket>/<key>}, CI {@code qcs::ci:<region>:uid/<appid>:bucket/<bucket>/<key-or-*>}.
 * Keys stand as decoded, as CAM compares them.
 */
final class Resources {
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
                resource);
    }

    /** A CI resource on {@code key}, or on the whole bucket with {@code *}. */
    static ResourceName ci(String region, String appid, String bucket, String key) {
        String account = "uid/" + appid;
        String resource = "bucket/" + bucket + "/" + key;
        return new ResourceName("qcs::ci:" + region + ":" + account + ":" + resource, "ci", region, account,
                resource);
    }
}
