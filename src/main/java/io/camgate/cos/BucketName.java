package io.camgate.cos;

/**
 * The rule for full bucket names, {@code <name>-<appid>}: lower-case {@code a-z 0-9 -}, no
 * leading or trailing {@code -}, and the APPID is the digits after the last {@code -}.
 */
final class BucketName {
    /** DNS caps a label at 63; COS's own cap on the whole name is lower still. */
    private static final int MAX_LENGTH = 63;

    private BucketName() {
    }

    /** The APPID of {@code bucket}, or null when {@code bucket} is not a well-formed full name. */
    static String appidOf(String bucket) {
        int n = bucket.length();
        if (n == 0 || n > MAX_LENGTH || bucket.charAt(0) == '-') {
            return null;
        }
        for (int i = 0; i < n; i++) {
            char c = bucket.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return null;
            }
        }
        int dash = bucket.lastIndexOf('-');
        if (dash <= 0 || dash == n - 1 || bucket.charAt(dash - 1) == '-') {
            return null;
        }
        for (int i = dash + 1; i < n; i++) {
            char c = bucket.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return bucket.substring(dash + 1);
    }

    /** The APPID of {@code bucket}, or an {@link CosError#INVALID_BUCKET_NAME} refusal. */
    static String requireAppid(String bucket) throws ClassificationException {
        String appid = appidOf(bucket);
        if (appid == null) {
            throw new ClassificationException(CosError.INVALID_BUCKET_NAME,
                    "\"" + bucket + "\" is not a bucket name of the form <name>-<appid> in a-z, 0-9 and '-'.");
        }
        return appid;
    }
}
