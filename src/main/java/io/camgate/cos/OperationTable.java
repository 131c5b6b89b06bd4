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
 * <p>Where the sources disagree (reference §8) the table follows the API guide: copy and
 * Upload Part - Copy need PutObject on the target (plus GetObject on the source), restore is
 * PostObjectRestore, multi-delete is DeleteObject on every key in the body. Rows marked "3rd"
 * take their names from third-party sources because no official one was found.
 */
public final class OperationTable {
    /** {@code METHOD scope selectors action [flags]}; {@code -} for no selectors. */
    private static final String[] COS_ROWS = {
        "GET     service  -                     cos:GetService",
        "PUT     bucket   -                     cos:PutBucket",
        "HEAD    bucket   -                     cos:HeadBucket",
        "GET     bucket   -                     cos:GetBucket",
        "DELETE  bucket   -                     cos:DeleteBucket",
        "OPTIONS bucket   -                     cos:OptionsObject",
        "GET     bucket   versions              cos:GetBucketObjectVersions",
        "GET     bucket   location              cos:GetBucketLocation",
        "GET     bucket   uploads               cos:ListMultipartUploads",
        "PUT     bucket   acl                   cos:PutBucketACL",
        "GET     bucket   acl                   cos:GetBucketACL",
        "PUT     bucket   cors                  cos:PutBucketCORS",
        "GET     bucket   cors                  cos:GetBucketCORS",
        "DELETE  bucket   cors                  cos:DeleteBucketCORS",
        "PUT     bucket   lifecycle             cos:PutBucketLifecycle",
        "GET     bucket   lifecycle             cos:GetBucketLifecycle",
        "DELETE  bucket   lifecycle             cos:DeleteBucketLifecycle",
        "PUT     bucket   policy                cos:PutBucketPolicy",
        "GET     bucket   policy                cos:GetBucketPolicy",
        "DELETE  bucket   policy                cos:DeleteBucketPolicy",
        "PUT     bucket   tagging               cos:PutBucketTagging",
        "GET     bucket   tagging               cos:GetBucketTagging",
        "DELETE  bucket   tagging               cos:DeleteBucketTagging",
        "PUT     bucket   versioning            cos:PutBucketVersioning",
        "GET     bucket   versioning            cos:GetBucketVersioning",
        "PUT     bucket   replication           cos:PutBucketReplication",
        "GET     bucket   replication           cos:GetBucketReplication",
        "DELETE  bucket   replication           cos:DeleteBucketReplication",
        "PUT     bucket   website               cos:PutBucketWebsite",
        "GET     bucket   website               cos:GetBucketWebsite",
        "DELETE  bucket   website               cos:DeleteBucketWebsite",
        "PUT     bucket   referer               cos:PutBucketReferer",
        "GET     bucket   referer               cos:GetBucketReferer",
        "PUT     bucket   domain                cos:PutBucketDomain",
        "GET     bucket   domain                cos:GetBucketDomain",
        "DELETE  bucket   domain                cos:DeleteBucketDomain",
        "PUT     bucket   origin                cos:PutBucketOrigin",
        "GET     bucket   origin                cos:GetBucketOrigin",
        "DELETE  bucket   origin                cos:DeleteBucketOrigin",
        "PUT     bucket   logging               cos:PutBucketLogging",
        "GET     bucket   logging               cos:GetBucketLogging",
        "PUT     bucket   inventory,id          cos:PutBucketInventory",
        "GET     bucket   inventory,id          cos:GetBucketInventory",
        "GET     bucket   inventory             cos:GetBucketInventory",
        "POST    bucket   inventory,id          cos:PostBucketInventory",
        "DELETE  bucket   inventory,id          cos:DeleteBucketInventory",
        "PUT     bucket   accelerate            cos:PutBucketAccelerate",
        "GET     bucket   accelerate            cos:GetBucketAccelerate",
        // DELETE ?encryption: the Node SDK's DeleteBucketReplication is a bug; the name follows the Put/Get pair.
        "PUT     bucket   encryption            cos:PutBucketEncryption",
        "GET     bucket   encryption            cos:GetBucketEncryption",
        "DELETE  bucket   encryption            cos:DeleteBucketEncryption",
        // 3rd: intelligent tiering and object lock names come from console templates and a CAM table excerpt.
        "PUT     bucket   intelligenttiering    cos:PutBucketIntelligentTiering",
        "GET     bucket   intelligenttiering    cos:GetBucketIntelligentTiering",
        "PUT     bucket   object-lock           cos:PutBucketObjectLock",
        "GET     bucket   object-lock           cos:GetBucketObjectLock",
        "POST    bucket   delete                cos:DeleteObject              delete-body",
        "POST    bucket   -                     cos:PostObject                form-body",
        "PUT     object   -                     cos:PutObject",
        "PUT     object   -                     cos:PutObject                 copy",
        "GET     object   -                     cos:GetObject                 website",
        "HEAD    object   -                     cos:HeadObject                website",
        "OPTIONS object   -                     cos:OptionsObject             website",
        "DELETE  object   -                     cos:DeleteObject",
        "POST    object   restore               cos:PostObjectRestore",
        "POST    object   append                cos:AppendObject",
        "POST    object   select,select-type    cos:GetObject",
        "PUT     object   acl                   cos:PutObjectACL",
        "GET     object   acl                   cos:GetObjectACL",
        "PUT     object   tagging               cos:PutObjectTagging",
        "GET     object   tagging               cos:GetObjectTagging",
        "DELETE  object   tagging               cos:DeleteObjectTagging",
        "GET     object   retention             cos:GetObjectRetention",
        "POST    object   uploads               cos:InitiateMultipartUpload",
        "PUT     object   partNumber,uploadId   cos:UploadPart",
        "PUT     object   partNumber,uploadId   cos:PutObject                 copy",
        "POST    object   uploadId              cos:CompleteMultipartUpload",
        "DELETE  object   uploadId              cos:AbortMultipartUpload",
        "GET     object   uploadId              cos:ListParts",
        "GET     object   ci-process            cos:GetObject                 ci-process",
        "POST    object   ci-process            cos:GetObject                 ci-process",
        "POST    object   image_process         cos:PutObject",
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
        "POST    jobs                      -               ci:CreateMediaJobs          pass-role",
        "GET     jobs                      -               ci:DescribeMediaJobs",
        "GET     jobs/*                    -               ci:DescribeMediaJob",
        "PUT     jobs/*                    cancel          ci:CancelMediaJob",
        "POST    template                  -               ci:CreateMediaTemplate",
        "GET     template                  -               ci:DescribeMediaTemplates",
        "PUT     template/*                -               ci:UpdateMediaTemplate",
        "DELETE  template/*                -               ci:DeleteMediaTemplate",
        "POST    workflow                  -               ci:CreateMediaWorkflow",
        "GET     workflow                  -               ci:DescribeMediaWorkflows",
        "PUT     workflow/*                -               ci:UpdateMediaWorkflow",
        "PUT     workflow/*                active          ci:UpdateMediaWorkflow",
        "PUT     workflow/*                paused          ci:UpdateMediaWorkflow",
        "DELETE  workflow/*                -               ci:DeleteMediaWorkflow",
        "GET     workflowexecution         -               ci:DescribeMediaWorkflowExecutions",
        "GET     workflowexecution/*       -               ci:DescribeMediaWorkflowExecutions",
        "POST    triggerworkflow           -               ci:TriggerMediaWorkflow     key=object pass-role",
        "POST    inventorytriggerjob       -               ci:TriggerMediaWorkflow     pass-role",
        "GET     inventorytriggerjob       -               ci:DescribeInventoryTriggerJobs",
        "GET     inventorytriggerjob/*     -               ci:DescribeInventoryTriggerJob",
        "PUT     inventorytriggerjob/*     cancel          ci:CancelInventoryTriggerJob",
        "GET     queue                     -               ci:DescribeMediaQueues",
        "PUT     queue/*                   -               ci:UpdateMediaQueue",
        "POST    mediabucket               -               ci:CreateMediaBucket",
        "GET     mediabucket               -               ci:DescribeMediaBuckets     api",
        "DELETE  mediabucket               -               ci:DeleteMediaBucket",
        "POST    snapshot                  -               ci:GenerateSnapshot",
        "POST    mediainfo                 -               ci:GenerateMediaInfo",
        "GET     pm3u8                     -               ci:GetPrivateM3U8           api",
        "POST    pic_jobs                  -               ci:CreatePicProcessJobs     pass-role",
        "GET     pic_jobs                  -               ci:DescribePicProcessJobs",
        "GET     pic_jobs/*                -               ci:DescribePicProcessJob",
        "PUT     pic_jobs/*                cancel          ci:CancelPicProcessJob",
        "GET     picqueue                  -               ci:DescribePicProcessQueues",
        "PUT     picqueue/*                -               ci:UpdatePicProcessQueue",
        "POST    doc_jobs                  -               ci:CreateDocProcessJobs     pass-role",
        "GET     doc_jobs                  -               ci:DescribeDocProcessJobs",
        "GET     doc_jobs/*                -               ci:DescribeDocProcessJob",
        "PUT     doc_jobs/*                cancel          ci:CancelDocProcessJob",
        "GET     docqueue                  -               ci:DescribeDocProcessQueues",
        "PUT     docqueue/*                -               ci:UpdateDocProcessQueue",
        "GET     docbucket                 -               ci:DescribeDocProcessBucket api",
        "POST    file_jobs                 -               ci:CreateFileProcessJobs    pass-role",
        "POST    asr_jobs                  -               ci:CreateAsrJobs            pass-role",
        "GET     asr_jobs                  -               ci:DescribeAsrJobs",
        "GET     asr_jobs/*                -               ci:DescribeAsrJob",
        "GET     asrqueue                  -               ci:DescribeAsrQueues",
        "PUT     asrqueue/*                -               ci:UpdateAsrQueue",
        "GET     asrbucket                 -               ci:DescribeAsrBuckets       api",
        "POST    image/auditing            -               ci:CreateAuditingPictureJob",
        "POST    text/auditing             -               ci:CreateAuditingTextJob",
        "GET     text/auditing/*           -               ci:DescribeAuditingTextJob",
        "POST    video/auditing            -               ci:CreateAuditingJobs",
        "GET     video/auditing/*          -               ci:DescribeAuditingJobs",
        "POST    audio/auditing            -               ci:CreateAuditingAudioJob",
        "GET     audio/auditing/*          -               ci:DescribeAuditingAudioJob",
        "POST    document/auditing         -               ci:CreateAuditingDocumentJob",
        "GET     document/auditing/*       -               ci:DescribeAuditingDocumentJob",
        "POST    webpage/auditing          -               ci:CreateAuditingWebpageJob",
        "GET     webpage/auditing/*        -               ci:DescribeAuditingWebpageJob",
        "POST    ImageSearchBucket         -               ci:CreateImageSearchBucket",
        "PUT     /                         -               ci:CreateCIBucket",
        "PUT     /                         unbind          ci:DeleteCIBucket",
        "GET     /                         -               ci:DescribeCIBuckets        api",
        "PUT     /                         style           ci:SetImageStyle",
        "GET     /                         style           ci:DescribeImageStyles",
        "PUT     /                         hotlink         ci:SetRefer",
        "GET     /                         hotlink         ci:DescribeRefer",
        "PUT     /                         origin-protect  ci:SetOriginProtect",
        "GET     /                         origin-protect  ci:DescribeOriginProtect",
        "PUT     /                         guetzli         ci:SetImageGuetzli",
        "GET     /                         guetzli         ci:DescribeImageGuetzli",
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
            "clientIP", "clientUA", "continuation-token");

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
