package io.camgate.cos;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code x-amz-*} headers S3 clients send where COS clients send an {@code x-cos-*} twin:
 * ACL, grants, storage class, tagging and copy source. Either spelling feeds the same condition
 * keys and the same classification, so a deny on {@code cos:x-cos-acl} is not bypassed by
 * writing the header the S3 way. A request carrying both twins must give them the same value
 * (the copy source, whose forms differ, may come in one spelling only); otherwise it is refused,
 * since the gateway and the upstream could each read a different one.
 */
public final class HeaderTwins {
    static final String ACL = "x-cos-acl";
    static final String STORAGE_CLASS = "x-cos-storage-class";
    static final String TAGGING = "x-cos-tagging";
    static final String COPY_SOURCE = "x-cos-copy-source";
    /** Every x-cos header that has an x-amz twin. */
    private static final String[] COS_NAMES = {ACL, STORAGE_CLASS, TAGGING, COPY_SOURCE, "x-cos-grant-read",
        "x-cos-grant-write", "x-cos-grant-read-acp", "x-cos-grant-write-acp", "x-cos-grant-full-control"};

    /** The x-amz twin of each name in {@link #COS_NAMES}, made once: every request looks up all of them. */
    private static final Map<String, String> AMZ_NAMES = Arrays.stream(COS_NAMES)
            .collect(Collectors.toUnmodifiableMap(n -> n, HeaderTwins::twin));

    private HeaderTwins() {
    }

    /** The x-amz twin of {@code cosName}. */
    static String amzName(String cosName) {
        String amz = AMZ_NAMES.get(cosName);
        return amz != null ? amz : twin(cosName);
    }

    private static String twin(String cosName) {
        return "x-amz-" + cosName.substring("x-cos-".length());
    }

    /** The x-cos name an x-amz header stands for (lower case), or null when it has no twin. */
    public static String cosNameOf(String amzName) {
        if (!amzName.regionMatches(true, 0, "x-amz-", 0, 6)) {
            return null;
        }
        String cos = "x-cos-" + amzName.substring(6).toLowerCase(Locale.ROOT);
        for (String name : COS_NAMES) {
            if (name.equals(cos)) {
                return name;
            }
        }
        return null;
    }

    /**
     * Refuses twins that disagree, or that repeat.
     *
     * @throws ClassificationException {@code InvalidArgument} naming the pair
     */
    static void check(RequestHeaders headers) throws ClassificationException {
        // Most requests carry no header of either namespace: two scans instead of one per twin.
        if (!headers.anyStartingWith("x-cos-") && !headers.anyStartingWith("x-amz-")) {
            return;
        }
        for (String name : COS_NAMES) {
            value(headers, name);
        }
    }

    /**
     * The value of {@code cosName} in either spelling: the x-cos header, else its x-amz twin in
     * COS terms (S3's {@code GLACIER} storage class is COS's {@code ARCHIVE}); null when neither.
     *
     * @throws ClassificationException when the twins disagree or one repeats
     */
    static String value(RequestHeaders headers, String cosName) throws ClassificationException {
        String cos = headers.single(cosName);
        String amz = headers.single(amzName(cosName));
        if (amz == null) {
            return cos;
        }
        String translated = cosValue(cosName, amz);
        if (cos == null) {
            return translated;
        }
        if (cosName.equals(COPY_SOURCE) || !cos.trim().equals(translated.trim())) {
            throw new ClassificationException(CosError.INVALID_ARGUMENT, "The headers " + cosName + " and "
                    + amzName(cosName) + " are both given" + (cosName.equals(COPY_SOURCE) ? "." : " and disagree."));
        }
        return cos;
    }

    /** {@link #value} of a request that passed {@link #check}, which cannot fail. */
    static String checkedValue(RequestHeaders headers, String cosName) {
        try {
            return value(headers, cosName);
        } catch (ClassificationException e) {
            throw new IllegalStateException("twin headers were checked while classifying", e);
        }
    }

    /** An S3 storage class in COS terms. */
    /** The value of x-amz twin {@code cosName}'s header in COS terms ({@code GLACIER} is {@code ARCHIVE}). */
    public static String cosValue(String cosName, String amzValue) {
        return cosName.equals(STORAGE_CLASS) ? storageClass(amzValue) : amzValue;
    }

    private static String storageClass(String s3) {
        String value = s3.trim();
        return value.equalsIgnoreCase("GLACIER") ? "ARCHIVE" : value;
    }
}
