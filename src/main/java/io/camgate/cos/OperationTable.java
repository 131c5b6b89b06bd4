package io.camgate.cos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every COS API of reference §2.3 and every CI API of §3.2 as data: one line per row, so a new
 * API is one new line. A request matches the row whose method and scope (COS) or path pattern
 * (CI) are its own, whose selectors are exactly the sub-resource parameters it carries, and
 * whose {@code copy} flag says whether it carries {@code x-cos-copy-source}. Nothing else
 * matches: an unknown combination is denied, never mapped to the nearest row.
 *
 * <p>Each row names its source after {@code //}. COS rows cite the API page on
 * cloud.tencent.com ({@code 436/NNNN}; "intl" for an id of the international site): "read"
 * means the page's authorization note ("授权说明") was read and names the row's action, a bare
 * id is the page the official SDKs link for that API, "group of" cites a sibling API of the
 * same sub-resource whose page was read. Where sources disagree the API page wins over the API
 * guide and the SDKs (issue 16): PUT Object - Copy is PutObjectCopy on the target (436/10881),
 * Upload Part - Copy is PutObject on the target (436/8287), both plus GetObject on the source;
 * listing inventory configurations is GetBucketInventory (436/33706); multi-delete is
 * DeleteObject on every key in the body, and from an anonymous caller also
 * DeleteMultipleObjects ({@link CosRequest#withDeletedObjects}, 436/8289). CI rows cite the
 * basis of reference §3.2 ({@code T} the granularity table, {@code E} the API-guide example,
 * a page id where its page names the action). Rows marked "3rd" or "no page located" take their
 * names from third-party sources or the SDKs because no official page was found.
 */
public final class OperationTable {
    /** {@code METHOD scope selectors action [flags]}; {@code -} for no selectors. */
    private static final String[] COS_ROWS = {
        "GET     service  -                     cos:GetService", // 436/8291
        "PUT     bucket   -                     cos:PutBucket", // 436/7738
        "HEAD    bucket   -                     cos:HeadBucket", // 436/7735
        "GET     bucket   -                     cos:GetBucket", // 436/7734
        "DELETE  bucket   -                     cos:DeleteBucket", // 436/7732
        "OPTIONS bucket   -                     cos:OptionsObject", // 436/8288 read: any target, root too
        "GET     bucket   versions              cos:GetBucketObjectVersions", // 436/35521 read
        "GET     bucket   location              cos:GetBucketLocation", // 436/8275
        "GET     bucket   uploads               cos:ListMultipartUploads", // 436/7736
        "PUT     bucket   acl                   cos:PutBucketACL", // 436/7737
        "GET     bucket   acl                   cos:GetBucketACL", // 436/7733
        "PUT     bucket   cors                  cos:PutBucketCORS", // 436/8279 read
        "GET     bucket   cors                  cos:GetBucketCORS", // 436/8274
        "DELETE  bucket   cors                  cos:DeleteBucketCORS", // 436/8283
        "PUT     bucket   lifecycle             cos:PutBucketLifecycle", // 436/8280
        "GET     bucket   lifecycle             cos:GetBucketLifecycle", // 436/8278
        "DELETE  bucket   lifecycle             cos:DeleteBucketLifecycle", // 436/8284
        "PUT     bucket   policy                cos:PutBucketPolicy", // 436/8282
        "GET     bucket   policy                cos:GetBucketPolicy", // 436/8276
        "DELETE  bucket   policy                cos:DeleteBucketPolicy", // group of 436/8282
        "PUT     bucket   tagging               cos:PutBucketTagging", // 436/8281
        "GET     bucket   tagging               cos:GetBucketTagging", // 436/8277
        "DELETE  bucket   tagging               cos:DeleteBucketTagging", // 436/8286
        "PUT     bucket   versioning            cos:PutBucketVersioning", // 436/19889
        "GET     bucket   versioning            cos:GetBucketVersioning", // 436/19888
        "PUT     bucket   replication           cos:PutBucketReplication", // 436/19223
        "GET     bucket   replication           cos:GetBucketReplication", // 436/19222
        "DELETE  bucket   replication           cos:DeleteBucketReplication", // 436/19221
        "PUT     bucket   website               cos:PutBucketWebsite", // group of 436/31928
        "GET     bucket   website               cos:GetBucketWebsite", // group of 436/31928
        "DELETE  bucket   website               cos:DeleteBucketWebsite", // 436/31928 read
        "PUT     bucket   referer               cos:PutBucketReferer", // intl 436/31423
        "GET     bucket   referer               cos:GetBucketReferer", // intl 436/30615
        "PUT     bucket   domain                cos:PutBucketDomain", // intl 436/35868
        "GET     bucket   domain                cos:GetBucketDomain", // group of 436/43885
        "DELETE  bucket   domain                cos:DeleteBucketDomain", // 436/43885 read
        "PUT     bucket   origin                cos:PutBucketOrigin", // no page located; SDK name
        "GET     bucket   origin                cos:GetBucketOrigin", // no page located; SDK name
        "DELETE  bucket   origin                cos:DeleteBucketOrigin", // no page located; SDK name
        "PUT     bucket   logging               cos:PutBucketLogging", // 436/17054
        "GET     bucket   logging               cos:GetBucketLogging", // 436/17053
        "PUT     bucket   inventory,id          cos:PutBucketInventory", // 436/33707
        "GET     bucket   inventory,id          cos:GetBucketInventory", // 436/33705
        "GET     bucket   inventory             cos:GetBucketInventory", // 436/33706 read (was ListBucketInventory)
        "POST    bucket   inventory,id          cos:PostBucketInventory", // COSCLI 436/74114 read (was unknown)
        "DELETE  bucket   inventory,id          cos:DeleteBucketInventory", // 436/33704
        "PUT     bucket   accelerate            cos:PutBucketAccelerate", // no page located; SDK name
        "GET     bucket   accelerate            cos:GetBucketAccelerate", // no page located; SDK name
        // DELETE ?encryption: the Node SDK's DeleteBucketReplication is a bug; the name follows the Put/Get pair.
        "PUT     bucket   encryption            cos:PutBucketEncryption", // no page located; SDK name
        "GET     bucket   encryption            cos:GetBucketEncryption", // no page located; SDK name
        "DELETE  bucket   encryption            cos:DeleteBucketEncryption", // no page located
        // 3rd: intelligent tiering and object lock names come from console templates and a CAM table excerpt.
        "PUT     bucket   intelligenttiering    cos:PutBucketIntelligentTiering", // 436/38314 read
        "GET     bucket   intelligenttiering    cos:GetBucketIntelligentTiering", // group of 436/38314
        "PUT     bucket   object-lock           cos:PutBucketObjectLock", // intl 436/40133: no note
        "GET     bucket   object-lock           cos:GetBucketObjectLock", // group of 436/40133
        "POST    bucket   delete                cos:DeleteObject              delete-body", // 436/8289 read
        "POST    bucket   -                     cos:PostObject                form-body", // API guide 436/31923
        "PUT     object   -                     cos:PutObject", // 436/7749
        "PUT     object   -                     cos:PutObjectCopy             copy", // 436/10881 read (was PutObject)
        "GET     object   -                     cos:GetObject                 website", // 436/7753
        "HEAD    object   -                     cos:HeadObject                website", // 436/7745
        "OPTIONS object   -                     cos:OptionsObject             website", // 436/8288 read
        "DELETE  object   -                     cos:DeleteObject", // 436/7743
        "POST    object   restore               cos:PostObjectRestore", // 436/12633
        "POST    object   append                cos:AppendObject", // 436/7741
        "POST    object   select,select-type    cos:GetObject", // 436/37641 read
        "PUT     object   acl                   cos:PutObjectACL", // 436/7748
        "GET     object   acl                   cos:GetObjectACL", // 436/7744
        "PUT     object   tagging               cos:PutObjectTagging", // 436/42997; COSCLI 436/123441 read
        "GET     object   tagging               cos:GetObjectTagging", // COSCLI 436/123441 read
        "DELETE  object   tagging               cos:DeleteObjectTagging", // COSCLI 436/123441 read
        "GET     object   retention             cos:GetObjectRetention", // no page located
        "POST    object   uploads               cos:InitiateMultipartUpload", // 436/7746
        "PUT     object   partNumber,uploadId   cos:UploadPart", // 436/7750
        "PUT     object   partNumber,uploadId   cos:PutObject                 copy", // 436/8287 read
        "POST    object   uploadId              cos:CompleteMultipartUpload", // 436/7742
        "DELETE  object   uploadId              cos:AbortMultipartUpload", // 436/7740
        "GET     object   uploadId              cos:ListParts", // 436/7747
        "GET     object   ci-process            cos:GetObject                 ci-process", // CiProcessTable
        "POST    object   ci-process            cos:GetObject                 ci-process", // CiProcessTable
        "POST    object   image_process         cos:PutObject", // CI 460/18147
    };

    /**
     * {@code METHOD path selectors action [flags]} on a {@code <bucket>.ci.<region>} host;
     * {@code *} in a path is one id segment, {@code /} is the bucket root.
     *
     * <p>{@code pass-role} marks the APIs that submit asynchronous jobs (media, picture,
     * document, file and speech jobs, and workflow triggers, which start media jobs): CI runs
     * them under its service role, so reference §3.1 adds {@code cam:PassRole}. Auditing jobs
     * are not marked: the pages cited for PassRole are the processing-job pages only.
     */
    private static final String[] CI_ROWS = {
        "POST    jobs                      -               ci:CreateMediaJobs          pass-role", // 1045/72943 read
        "GET     jobs                      -               ci:DescribeMediaJobs", // T, E 1045/72914
        "GET     jobs/*                    -               ci:DescribeMediaJob", // T, E 1045/72914
        "PUT     jobs/*                    cancel          ci:CancelMediaJob", // T, E 1045/72914
        "POST    template                  -               ci:CreateMediaTemplate", // 1045/73037 read
        "GET     template                  -               ci:DescribeMediaTemplates", // T
        "PUT     template/*                -               ci:UpdateMediaTemplate", // T, E 1045/72914
        "DELETE  template/*                -               ci:DeleteMediaTemplate", // T
        "POST    workflow                  -               ci:CreateMediaWorkflow", // 1045/43733 read
        "GET     workflow                  -               ci:DescribeMediaWorkflows", // T
        "PUT     workflow/*                -               ci:UpdateMediaWorkflow", // T
        "PUT     workflow/*                active          ci:UpdateMediaWorkflow", // T
        "PUT     workflow/*                paused          ci:UpdateMediaWorkflow", // T
        "DELETE  workflow/*                -               ci:DeleteMediaWorkflow", // T
        "GET     workflowexecution         -               ci:DescribeMediaWorkflowExecutions", // T; 460/80050
        "GET     workflowexecution/*       -               ci:DescribeMediaWorkflowExecutions", // T; 460/45949
        // 1045/50340
        "POST    triggerworkflow           -               ci:TriggerMediaWorkflow     key=object pass-role",
        "POST    inventorytriggerjob       -               ci:TriggerMediaWorkflow     pass-role", // 1045/47029 read
        "GET     inventorytriggerjob       -               ci:DescribeInventoryTriggerJobs", // 1045/47030
        "GET     inventorytriggerjob/*     -               ci:DescribeInventoryTriggerJob", // 1045/47030
        "PUT     inventorytriggerjob/*     cancel          ci:CancelInventoryTriggerJob", // T
        "GET     queue                     -               ci:DescribeMediaQueues", // T
        "PUT     queue/*                   -               ci:UpdateMediaQueue", // T
        "POST    mediabucket               -               ci:CreateMediaBucket", // T
        "GET     mediabucket               -               ci:DescribeMediaBuckets     api", // T; 436/48988
        "DELETE  mediabucket               -               ci:DeleteMediaBucket", // T
        "POST    snapshot                  -               ci:GenerateSnapshot", // T
        "POST    mediainfo                 -               ci:GenerateMediaInfo", // T
        "GET     pm3u8                     -               ci:GetPrivateM3U8           api", // T; 460/63738
        "POST    pic_jobs                  -               ci:CreatePicProcessJobs     pass-role", // T
        "GET     pic_jobs                  -               ci:DescribePicProcessJobs", // T
        "GET     pic_jobs/*                -               ci:DescribePicProcessJob", // T
        "PUT     pic_jobs/*                cancel          ci:CancelPicProcessJob", // T
        "GET     picqueue                  -               ci:DescribePicProcessQueues", // T
        "PUT     picqueue/*                -               ci:UpdatePicProcessQueue", // T
        "POST    doc_jobs                  -               ci:CreateDocProcessJobs     pass-role", // E; 436/54056
        "GET     doc_jobs                  -               ci:DescribeDocProcessJobs", // T; 436/54096
        "GET     doc_jobs/*                -               ci:DescribeDocProcessJob", // T; 436/54095
        "PUT     doc_jobs/*                cancel          ci:CancelDocProcessJob", // T
        "GET     docqueue                  -               ci:DescribeDocProcessQueues", // T; 436/54055
        "PUT     docqueue/*                -               ci:UpdateDocProcessQueue", // T; 436/54094
        "GET     docbucket                 -               ci:DescribeDocProcessBucket api", // T
        "POST    file_jobs                 -               ci:CreateFileProcessJobs    pass-role", // E; 436/83108
        "POST    asr_jobs                  -               ci:CreateAsrJobs            pass-role", // T
        "GET     asr_jobs                  -               ci:DescribeAsrJobs", // T
        "GET     asr_jobs/*                -               ci:DescribeAsrJob", // T
        "GET     asrqueue                  -               ci:DescribeAsrQueues", // T
        "PUT     asrqueue/*                -               ci:UpdateAsrQueue", // T
        "GET     asrbucket                 -               ci:DescribeAsrBuckets       api", // T
        "POST    image/auditing            -               ci:CreateAuditingPictureJob", // T; 460/37318
        "POST    text/auditing             -               ci:CreateAuditingTextJob", // T; 436/56289
        "GET     text/auditing/*           -               ci:DescribeAuditingTextJob", // T; 436/56288
        "POST    video/auditing            -               ci:CreateAuditingJobs", // T; 460/46427
        "GET     video/auditing/*          -               ci:DescribeAuditingJobs", // T; 460/46926
        "POST    audio/auditing            -               ci:CreateAuditingAudioJob", // T; 460/53395
        "GET     audio/auditing/*          -               ci:DescribeAuditingAudioJob", // T; 460/53396
        "POST    document/auditing         -               ci:CreateAuditingDocumentJob", // T; 436/59381
        "GET     document/auditing/*       -               ci:DescribeAuditingDocumentJob", // T; 436/59382
        "POST    webpage/auditing          -               ci:CreateAuditingWebpageJob", // T; 436/63958
        "GET     webpage/auditing/*        -               ci:DescribeAuditingWebpageJob", // T; 436/63959
        "POST    ImageSearchBucket         -               ci:CreateImageSearchBucket", // T
        "PUT     /                         -               ci:CreateCIBucket", // T
        "PUT     /                         unbind          ci:DeleteCIBucket", // T
        "GET     /                         -               ci:DescribeCIBuckets        api", // T
        "PUT     /                         style           ci:SetImageStyle", // T
        "GET     /                         style           ci:DescribeImageStyles", // T
        "PUT     /                         hotlink         ci:SetRefer", // T
        "GET     /                         hotlink         ci:DescribeRefer", // T
        "PUT     /                         origin-protect  ci:SetOriginProtect", // T
        "GET     /                         origin-protect  ci:DescribeOriginProtect", // T
        "PUT     /                         guetzli         ci:SetImageGuetzli", // T; 460/30112
        "GET     /                         guetzli         ci:DescribeImageGuetzli", // T; 460/30111
    };

    /**
     * Query parameters that modify a COS API without selecting another one: listing options,
     * versions, response overrides and the pre-signed URL's own fields. Any other parameter
     * that is not a selector is refused, so a sub-resource this table does not know can never
     * ride along on a row that grants less.
     */
    private static final Set<String> COS_MODIFIERS = Set.of(
            "prefix", "delimiter", "marker", "max-keys", "encoding-type", "key-marker", "version-id-marker",
            "upload-id-marker", "max-uploads", "part-number-marker", "max-parts", "versionId", "position",
            "x-cos-traffic-limit", "q-sign-algorithm", "q-ak", "q-sign-time", "q-key-time", "q-header-list",
            "q-url-param-list", "q-signature", "sign", "x-cos-security-token", "x-ci-security-token", "token",
            "clientIP", "clientUA", "continuation-token",
            // S3 clients: ListObjectsV2, the JS SDK's operation tag, checksum requests, and presign fields.
            "list-type", "start-after", "fetch-owner", "x-id", "x-amz-checksum-mode", "x-amz-sdk-checksum-algorithm",
            "x-amz-checksum-crc32", "x-amz-checksum-crc32c", "x-amz-checksum-crc64nvme", "x-amz-checksum-sha1",
            "x-amz-checksum-sha256", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
            "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token", "X-Amz-Content-Sha256",
            "AWSAccessKeyId", "Expires", "Signature", "x-amz-security-token");

    /** Download-time image processing written as a bare parameter name (GET object only). */
    private static final Set<String> IMAGE_PROCESSES = Set.of(
            "imageMogr2", "imageView2", "watermark", "imageInfo", "exif", "imageAve", "imageslim", "avinfo");

    private static final List<String> METHODS = List.of("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS");

    private static final OperationTable INSTANCE = new OperationTable();

    private final Map<String, Integer> cosSelectorBits = new HashMap<>();
    private final Map<String, Integer> ciSelectorBits = new HashMap<>();
    /** COS rows by method index and scope ordinal; a handful each, scanned by selector mask. */
    private final Row[][][] cosRows = new Row[METHODS.size()][Scope.values().length][];
    private final Map<String, Row[]> ciRows = new HashMap<>();
    private final List<Operation> all = new ArrayList<>();

    /** An operation with its selectors as a bit mask over the service's selector names. */
    record Row(Operation operation, long mask, boolean copy) {
    }

    private OperationTable() {
        List<List<List<Row>>> cos = new ArrayList<>();
        for (int m = 0; m < METHODS.size(); m++) {
            List<List<Row>> byScope = new ArrayList<>();
            for (int s = 0; s < Scope.values().length; s++) {
                byScope.add(new ArrayList<>());
            }
            cos.add(byScope);
        }
        Set<String> seen = new HashSet<>();
        for (String line : COS_ROWS) {
            Row row = parse(line, HostKind.Service.COS, cosSelectorBits);
            Operation op = row.operation();
            cos.get(methodIndex(op.method())).get(op.scope().ordinal()).add(row);
            unique(seen, op.method() + " " + op.scope() + " " + row.mask() + " " + row.copy(), line);
        }
        for (int m = 0; m < METHODS.size(); m++) {
            for (int s = 0; s < Scope.values().length; s++) {
                cosRows[m][s] = cos.get(m).get(s).toArray(Row[]::new);
            }
        }
        Map<String, List<Row>> ci = new HashMap<>();
        for (String line : CI_ROWS) {
            Row row = parse(line, HostKind.Service.CI, ciSelectorBits);
            Operation op = row.operation();
            ci.computeIfAbsent(op.method() + " " + op.path(), k -> new ArrayList<>()).add(row);
            unique(seen, op.method() + " " + op.path() + " " + row.mask(), line);
        }
        ci.forEach((k, rows) -> ciRows.put(k, rows.toArray(Row[]::new)));
    }

    /** The table. */
    public static OperationTable get() {
        return INSTANCE;
    }

    /** Every row, COS first, in table order. */
    public List<Operation> operations() {
        return List.copyOf(all);
    }

    private Row parse(String line, HostKind.Service service, Map<String, Integer> bits) {
        String[] f = line.trim().split("\\s+");
        String method = f[0];
        methodIndex(method);
        List<String> selectors = f[2].equals("-") ? List.of() : List.of(f[2].split(","));
        long mask = 0;
        for (String s : selectors) {
            int bit = bits.computeIfAbsent(s, k -> bits.size());
            if (bit >= 64) {
                throw new IllegalStateException("more than 64 selectors for " + service);
            }
            mask |= 1L << bit;
        }
        List<Operation.Trait> traits = new ArrayList<>();
        for (int i = 4; i < f.length; i++) {
            traits.add(trait(f[i], line));
        }
        Scope scope = service == HostKind.Service.COS ? Scope.valueOf(f[1].toUpperCase(Locale.ROOT)) : null;
        String path = service == HostKind.Service.CI ? (f[1].equals("/") ? "" : f[1]) : null;
        Operation op = new Operation(service, method, scope, path, selectors, f[3], List.copyOf(traits));
        all.add(op);
        return new Row(op, mask, op.has(Operation.Trait.COPY));
    }

    private static Operation.Trait trait(String flag, String line) {
        for (Operation.Trait t : Operation.Trait.values()) {
            if (t.flag().equals(flag)) {
                return t;
            }
        }
        throw new IllegalStateException("unknown flag " + flag + " in row: " + line);
    }

    private static void unique(Set<String> seen, String key, String line) {
        if (!seen.add(key)) {
            throw new IllegalStateException("two rows match the same requests: " + line);
        }
    }

    /** The index of {@code method} among the methods COS serves, or -1. */
    static int methodIndex(String method) {
        for (int i = 0; i < METHODS.size(); i++) {
            if (METHODS.get(i).equals(method)) {
                return i;
            }
        }
        return -1;
    }

    /** The selector bit of COS parameter {@code name}, or -1 when it selects nothing. */
    int cosSelectorBit(String name) {
        Integer bit = cosSelectorBits.get(name);
        return bit == null ? -1 : bit;
    }

    /** The selector bit of CI parameter {@code name}, or -1 when it selects nothing. */
    int ciSelectorBit(String name) {
        Integer bit = ciSelectorBits.get(name);
        return bit == null ? -1 : bit;
    }

    /** Every parameter name the table knows: the selectors of both services, the modifiers and image processes. */
    Set<String> parameterNames() {
        Set<String> names = new HashSet<>(cosSelectorBits.keySet());
        names.addAll(ciSelectorBits.keySet());
        names.addAll(COS_MODIFIERS);
        names.addAll(IMAGE_PROCESSES);
        return names;
    }

    /** Whether a COS parameter that selects nothing is still one COS understands. */
    static boolean isCosModifier(String name) {
        return COS_MODIFIERS.contains(name) || name.startsWith("response-");
    }

    /** Whether a COS parameter asks for download-time image processing ({@code imageMogr2/thumbnail/...}). */
    static boolean isImageProcess(String name) {
        return name.indexOf('/') >= 0 || IMAGE_PROCESSES.contains(name);
    }

    /** The COS row for this method, scope, selector mask and copy flag, or null. */
    Operation cos(int methodIndex, Scope scope, long mask, boolean copy) {
        for (Row row : cosRows[methodIndex][scope.ordinal()]) {
            if (row.mask() == mask && row.copy() == copy) {
                return row.operation();
            }
        }
        return null;
    }

    /**
     * The CI row for {@code method} on {@code path} (without its leading {@code /}) and selector
     * mask, or null. A path that names no row literally is tried as {@code <collection>/*}
     * when its last segment is a non-empty id.
     */
    Operation ci(String method, String path, long mask) {
        Row[] rows = ciRows.get(method + " " + path);
        int slash = path.lastIndexOf('/');
        if (rows == null && slash > 0 && slash < path.length() - 1) {
            rows = ciRows.get(method + " " + path.substring(0, slash) + "/*");
        }
        if (rows != null) {
            for (Row row : rows) {
                if (row.mask() == mask) {
                    return row.operation();
                }
            }
        }
        return null;
    }
}
