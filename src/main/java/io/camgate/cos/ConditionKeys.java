package io.camgate.cos;

import io.camgate.policy.ConditionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the condition context of a classified request (reference §4.3). Keys the reference
 * ties to particular actions are set only for those actions, so that a policy naming the key
 * never sees a value COS would not have given it; the others are set for every request.
 * {@code cos:content-length} and {@code cos:content-type} ("requests with bodies") are set
 * whenever the header is present. Values from the query are kept URL-encoded in the canonical form ({@code image%2Fjpeg}),
 * as COS compares them; values from headers are kept as sent.
 */
public final class ConditionKeys {
    // The key names as policies write them.
    public static final String IP = "qcs:ip";
    public static final String CURRENT_TIME = "qcs:current_time";
    public static final String SECURE_TRANSPORT = "cos:secure-transport";
    public static final String TLS_VERSION = "cos:tls-version";
    public static final String ACL = "cos:x-cos-acl";
    public static final String STORAGE_CLASS = "cos:x-cos-storage-class";
    public static final String PREFIX = "cos:prefix";
    public static final String RESPONSE_CONTENT_TYPE = "cos:response-content-type";
    public static final String CONTENT_LENGTH = "cos:content-length";
    public static final String CONTENT_TYPE = "cos:content-type";
    public static final String VERSION_ID = "cos:versionid";
    public static final String REQUEST_TAG = "qcs:request_tag";
    public static final String VPC = "qcs:vpc";
    public static final String REQUESTER_VPC = "vpc:requester_vpc";

    // PUT Object - Copy is decided as PutObjectCopy (436/10881) and takes x-cos-acl and x-cos-storage-class
    // for the new object like PutObject does; the reference's tables predate that action name, so the keys
    // are set for it too: a policy that constrains them must not see a copy without them.
    private static final Set<String> STORAGE_CLASS_ACTIONS = Set.of(
            "cos:PutObject", "cos:PutObjectCopy", "cos:PostObject", "cos:InitiateMultipartUpload", "cos:AppendObject");
    private static final Set<String> VERSION_ID_ACTIONS = Set.of(
            "cos:GetObject", "cos:DeleteObject", "cos:PostObjectRestore", "cos:PutObjectTagging",
            "cos:GetObjectTagging", "cos:DeleteObjectTagging", "cos:HeadObject");
    private static final Set<String> PREFIX_ACTIONS = Set.of(
            "cos:GetBucket", "cos:GetBucketObjectVersions", "cos:ListMultipartUploads");
    private static final Set<String> ACL_ACTIONS = Set.of(
            "cos:PutObject", "cos:PutObjectCopy", "cos:PostObject", "cos:PutObjectACL", "cos:PutBucket",
            "cos:PutBucketACL", "cos:AppendObject", "cos:InitiateMultipartUpload");
    private static final Set<String> RESPONSE_CONTENT_TYPE_ACTIONS = Set.of("cos:GetObject");
    private static final Set<String> REQUEST_TAG_ACTIONS = Set.of("cos:PutBucket", "cos:PutBucketTagging");

    private static final String TAGGING = HeaderTwins.TAGGING;
    private static final String DECODED_LENGTH = "x-amz-decoded-content-length";
    /** The headers keys are read from: each may appear at most once (the x-cos twins: {@link HeaderTwins}). */
    private static final String[] HEADERS = {"Content-Length", "Content-Type", "Content-Encoding",
        "x-amz-content-sha256", DECODED_LENGTH};

    private ConditionKeys() {
    }

    /**
     * Refuses what would make the context ambiguous or unreadable: a repeated header that a
     * key is read from, or a malformed tag set. Run while classifying, so that building the
     * context later ({@link #of}) cannot fail.
     */
    static void check(RequestHeaders h, String action, List<QueryParam> params)
            throws ClassificationException {
        for (String header : HEADERS) {
            h.single(header);
        }
        HeaderTwins.check(h);
        if (isAwsChunked(h)) {
            String decoded = h.first(DECODED_LENGTH);
            if (decoded == null || decoded.isBlank() || !decoded.strip().chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new ClassificationException(CosError.INVALID_ARGUMENT,
                        "An aws-chunked body needs x-amz-decoded-content-length.");
            }
        }
        if (REQUEST_TAG_ACTIONS.contains(action)) {
            tags(HeaderTwins.value(h, TAGGING), true, null);
            tags(QueryParser.find(params, "tagging"), false, null);
        }
    }

    /**
     * Whether the condition context of a request with {@code action} holds the value of the
     * header {@code name} (lower case), so that a decision on such a request was made with it.
     */
    public static boolean readsHeader(String name, String action) {
        String cos = HeaderTwins.cosNameOf(name);
        return switch (cos == null ? name : cos) {
            case "content-length", "content-type", DECODED_LENGTH -> true;
            case "x-cos-acl" -> ACL_ACTIONS.contains(action);
            case "x-cos-storage-class" -> STORAGE_CLASS_ACTIONS.contains(action);
            case TAGGING -> REQUEST_TAG_ACTIONS.contains(action);
            default -> false;
        };
    }

    /** The context of a request that passed {@link #check}; its operation's action decides the action-bound keys. */
    static ConditionContext of(CosRequest request) {
        return of(request, request.headers());
    }

    /**
     * The context of a POST Object: what the other requests carry in headers, a form carries in
     * fields ({@code Content-Type}, {@code acl} or {@code x-cos-acl}, {@code x-cos-storage-class}),
     * and {@code cos:content-length} is the file's size when it is known.
     */
    static ConditionContext ofForm(CosRequest request, PostForm form, long fileLength) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        String acl = form.field("x-cos-acl") != null ? form.field("x-cos-acl") : form.field("acl");
        String[][] pairs = {{"Content-Type", form.field("Content-Type")}, {"x-cos-acl", acl},
            {"x-cos-storage-class", form.field("x-cos-storage-class")},
            {"Content-Length", fileLength < 0 ? null : Long.toString(fileLength)}};
        for (String[] pair : pairs) {
            if (pair[1] != null) {
                names.add(pair[0]);
                values.add(pair[1]);
            }
        }
        return of(request, RequestHeaders.of(names, values));
    }

    private static ConditionContext of(CosRequest request, RequestHeaders h) {
        String action = request.operation().action();
        ConditionContext.Builder b = ConditionContext.builder();
        b.add(IP, request.clientIp());
        b.add(CURRENT_TIME, request.currentTime());
        Transport t = request.transport();
        b.add(SECURE_TRANSPORT, Boolean.toString(t.secure()));
        if (t.secure() && t.tlsVersion() != null) {
            b.add(TLS_VERSION, tlsNumber(t.tlsVersion()));
        }
        if (request.vpcId() != null) {
            b.add(VPC, request.vpcId());
            b.add(REQUESTER_VPC, request.vpcId());
        }
        // An aws-chunked body's Content-Length counts its framing (or is absent): the key is the data's length.
        addValue(b, CONTENT_LENGTH, h.first(isAwsChunked(h) ? DECODED_LENGTH : "Content-Length"));
        addValue(b, CONTENT_TYPE, h.first("Content-Type"));
        if (ACL_ACTIONS.contains(action)) {
            addValue(b, ACL, HeaderTwins.checkedValue(h, HeaderTwins.ACL));
        }
        if (STORAGE_CLASS_ACTIONS.contains(action)) {
            addValue(b, STORAGE_CLASS, HeaderTwins.checkedValue(h, HeaderTwins.STORAGE_CLASS));
        }
        if (VERSION_ID_ACTIONS.contains(action)) {
            String version = request.param("versionId");
            if (version != null && !version.isEmpty()) {
                b.add(VERSION_ID, version);
            }
        }
        if (PREFIX_ACTIONS.contains(action)) {
            addQuery(b, PREFIX, request.param("prefix"));
        }
        if (RESPONSE_CONTENT_TYPE_ACTIONS.contains(action)) {
            addQuery(b, RESPONSE_CONTENT_TYPE, request.param("response-content-type"));
        }
        if (REQUEST_TAG_ACTIONS.contains(action)) {
            try {
                tags(HeaderTwins.checkedValue(h, TAGGING), true, b);
                tags(request.param("tagging"), false, b);
            } catch (ClassificationException e) {
                throw new IllegalStateException("tags were checked while classifying", e);
            }
        }
        return b.build();
    }

    private static void addValue(ConditionContext.Builder b, String key, String value) {
        if (value != null) {
            b.add(key, value.trim());
        }
    }

    /** Whether the body is aws-chunked: so declared by Content-Encoding or by a STREAMING payload mode. */
    static boolean isAwsChunked(RequestHeaders h) {
        String encoding = h.first("Content-Encoding");
        String payload = h.first("x-amz-content-sha256");
        return (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("aws-chunked"))
                || (payload != null && payload.strip().startsWith("STREAMING-"));
    }

    private static void addQuery(ConditionContext.Builder b, String key, String decoded) {
        if (decoded != null) {
            b.add(key, PercentCodec.encodeComponent(decoded));
        }
    }

    /**
     * Reads {@code a=b&c=d} and adds each pair to {@code b} (when given) as {@code k&v}. Header
     * tags are percent-encoded on the wire; the query's were decoded with the rest of the query.
     */
    private static void tags(String tags, boolean encoded, ConditionContext.Builder b)
            throws ClassificationException {
        if (tags == null || tags.isEmpty()) {
            return;
        }
        int from = 0;
        while (from <= tags.length()) {
            int amp = tags.indexOf('&', from);
            int end = amp < 0 ? tags.length() : amp;
            if (end > from) {
                int eq = tags.indexOf('=', from);
                if (eq < 0 || eq >= end || eq == from) {
                    throw new ClassificationException(CosError.INVALID_ARGUMENT,
                            "The tag set \"" + tags + "\" is not key=value pairs joined by '&'.");
                }
                String k = encoded ? PercentCodec.decodeQuery(tags, from, eq) : tags.substring(from, eq);
                String v = encoded ? PercentCodec.decodeQuery(tags, eq + 1, end) : tags.substring(eq + 1, end);
                if (b != null) {
                    b.add(REQUEST_TAG, k + "&" + v);
                }
            }
            from = end + 1;
        }
    }

    /** {@code TLSv1.2} → {@code 1.2}; {@code TLSv1} → {@code 1.0}; anything else as given, which a numeric test rejects. */
    static String tlsNumber(String protocol) {
        String v = protocol.startsWith("TLSv") ? protocol.substring(4) : protocol;
        return v.indexOf('.') < 0 && !v.isEmpty() ? v + ".0" : v;
    }
}
