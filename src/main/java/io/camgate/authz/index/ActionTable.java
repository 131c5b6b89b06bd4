package io.camgate.authz.index;

import io.camgate.policy.ActionPattern;
import io.camgate.policy.Glob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The COS and CI actions the gateway knows (reference §2.3 and §3.2), numbered, so that a
 * wildcard action pattern is matched against all of them once, when it is compiled. A
 * request may still carry an action outside the table: it gets no number, and wildcard
 * patterns are then matched against it directly, so correctness never depends on the table
 * being complete.
 */
final class ActionTable {
    private static final String[] COS = {
        "GetService", "PutBucket", "HeadBucket", "GetBucket", "DeleteBucket", "GetBucketObjectVersions",
        "GetBucketLocation", "PutBucketACL", "GetBucketACL", "PutBucketCORS", "GetBucketCORS", "DeleteBucketCORS",
        "PutBucketLifecycle", "GetBucketLifecycle", "DeleteBucketLifecycle", "PutBucketPolicy", "GetBucketPolicy",
        "DeleteBucketPolicy", "PutBucketTagging", "GetBucketTagging", "DeleteBucketTagging", "PutBucketVersioning",
        "GetBucketVersioning", "PutBucketReplication", "GetBucketReplication", "DeleteBucketReplication",
        "PutBucketWebsite", "GetBucketWebsite", "DeleteBucketWebsite", "PutBucketReferer", "GetBucketReferer",
        "PutBucketDomain", "GetBucketDomain", "DeleteBucketDomain", "PutBucketOrigin", "GetBucketOrigin",
        "DeleteBucketOrigin", "PutBucketLogging", "GetBucketLogging", "PutBucketInventory", "GetBucketInventory",
        "ListBucketInventory", "PostBucketInventory", "DeleteBucketInventory", "PutBucketAccelerate", "GetBucketAccelerate",
        "PutBucketEncryption", "GetBucketEncryption", "DeleteBucketEncryption", "PutBucketIntelligentTiering",
        "GetBucketIntelligentTiering", "PutBucketObjectLock", "GetBucketObjectLock", "GetObjectRetention",
        "PutObject", "PutObjectCopy", "PostObject", "GetObject", "GetObjectVersion", "HeadObject", "DeleteObject",
        "DeleteMultipleObjects", "OptionsObject", "PostObjectRestore", "RestoreObject", "AppendObject",
        "PutObjectACL", "GetObjectACL", "PutObjectVersionAcl", "GetObjectVersionAcl", "PutObjectTagging",
        "GetObjectTagging", "DeleteObjectTagging", "InitiateMultipartUpload", "UploadPart", "UploadPartCopy",
        "CompleteMultipartUpload", "AbortMultipartUpload", "ListMultipartUploads", "ListParts", "ListLiveChannels",
    };
    private static final String[] CI = {
        "CreateMediaJobs", "DescribeMediaJob", "DescribeMediaJobs", "CancelMediaJob", "CreateMediaTemplate",
        "UpdateMediaTemplate", "DeleteMediaTemplate", "DescribeMediaTemplates", "CreateMediaWorkflow",
        "UpdateMediaWorkflow", "DeleteMediaWorkflow", "DescribeMediaWorkflows", "DescribeMediaWorkflowExecutions",
        "TriggerMediaWorkflow", "CreateInventoryTriggerJob", "DescribeInventoryTriggerJob",
        "DescribeInventoryTriggerJobs", "CancelInventoryTriggerJob", "DescribeMediaQueues", "UpdateMediaQueue",
        "CreateMediaBucket", "DescribeMediaBuckets", "DeleteMediaBucket", "GenerateSnapshot", "GenerateMediaInfo",
        "GetPrivateM3U8", "CreatePicProcessJobs", "DescribePicProcessJob", "DescribePicProcessJobs",
        "CancelPicProcessJob", "DescribePicProcessQueues", "UpdatePicProcessQueue", "CreatePicProcessBucket",
        "CreateDocProcessJobs", "DescribeDocProcessJob", "DescribeDocProcessJobs", "CancelDocProcessJob",
        "DescribeDocProcessQueues", "UpdateDocProcessQueue", "DescribeDocProcessBucket", "CreateFileProcessJobs",
        "CreateAsrJobs", "DescribeAsrJob", "DescribeAsrJobs", "DescribeAsrQueues", "UpdateAsrQueue",
        "DescribeAsrBuckets", "CreateAuditingPictureJob", "DescribeAuditingPictureFiles", "CreateAuditingTextJob",
        "DescribeAuditingTextJob", "CreateAuditingJobs", "DescribeAuditingJobs", "CreateAuditingAudioJob",
        "DescribeAuditingAudioJob", "CreateAuditingDocumentJob", "DescribeAuditingDocumentJob",
        "CreateAuditingWebpageJob", "DescribeAuditingWebpageJob", "CreateAuditingVirusJob",
        "DescribeAuditingVirusJob", "CreateCIBucket", "DeleteCIBucket", "DescribeCIBuckets", "SetImageStyle",
        "DescribeImageStyles", "SetRefer", "DescribeRefer", "SetOriginProtect", "DescribeOriginProtect",
        "SetImageGuetzli", "DescribeImageGuetzli", "CreateImageSearchBucket", "AddImage", "DeleteImage",
        "SearchImage", "CreateIDCardOCRJob", "CreateOCRJob", "CreateFaceEffectJob", "DescribeRiskLibImage",
        "DescribeRiskLibText", "CreateRiskLibText", "DeleteRiskLibText", "CreateRiskLibImage", "DeleteRiskLibImage",
    };

    /** The shared table. */
    static final ActionTable KNOWN = new ActionTable(names());

    private final ActionKey[] keys;
    private final Map<String, ActionKey> byName = new HashMap<>();
    /** Open addressing over {@link #keys}, probed without building the normalized string. */
    private final ActionKey[] slots;
    private final Map<String, long[]> wildcardCoverage = new ConcurrentHashMap<>();

    ActionTable(List<String> normalizedNames) {
        keys = new ActionKey[normalizedNames.size()];
        slots = new ActionKey[Integer.highestOneBit(Math.max(1, normalizedNames.size()) * 4) * 2];
        for (int i = 0; i < keys.length; i++) {
            ActionKey key = new ActionKey(normalizedNames.get(i), i);
            keys[i] = key;
            byName.put(key.name(), key);
            int at = key.name().hashCode() & (slots.length - 1);
            while (slots[at] != null) {
                at = (at + 1) & (slots.length - 1);
            }
            slots[at] = key;
        }
    }

    private static List<String> names() {
        List<String> out = new ArrayList<>();
        for (String a : COS) {
            out.add(ActionPattern.normalize("cos:" + a));
        }
        for (String a : CI) {
            out.add(ActionPattern.normalize("ci:" + a));
        }
        out.add(ActionPattern.normalize("cam:PassRole"));
        return out;
    }

    /** How many actions the table holds. */
    int size() {
        return keys.length;
    }

    /**
     * The key of a request's action as written ({@code cos:GetObject}, {@code name/cos:getobject}):
     * the table's key, or a fresh unnumbered key for an action the table does not hold.
     * Plain ASCII actions are found without building the normalized string.
     */
    ActionKey key(String action) {
        ActionKey found = probe(action);
        if (found != null) {
            return found;
        }
        String normalized = ActionPattern.normalize(action);
        ActionKey known = byName.get(normalized);
        return known != null ? known : new ActionKey(normalized, -1);
    }

    /** The table's key for a normalized action name, or null. */
    ActionKey known(String normalized) {
        return byName.get(normalized);
    }

    /**
     * Finds an ASCII action with no surrounding white space by hashing it as
     * {@link ActionPattern#normalize} would lower-case it; null when that is not certain.
     */
    private ActionKey probe(String action) {
        int len = action.length();
        if (len == 0 || action.charAt(0) <= ' ' || action.charAt(len - 1) <= ' ') {
            return null;
        }
        for (int i = 0; i < len; i++) {
            // non-ASCII letters may lower-case onto ASCII ones (the Kelvin sign onto k); leave them to normalize
            if (action.charAt(i) >= 0x80) {
                return null;
            }
        }
        int from = action.regionMatches(true, 0, "name/", 0, 5) ? 5 : 0;
        int h = 0;
        for (int i = from; i < len; i++) {
            char c = action.charAt(i);
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        for (int at = h & (slots.length - 1); slots[at] != null; at = (at + 1) & (slots.length - 1)) {
            String name = slots[at].name();
            if (name.length() == len - from && action.regionMatches(true, from, name, 0, name.length())) {
                return slots[at];
            }
        }
        return null;
    }

    /** A bit per table action: set where the normalized wildcard {@code pattern} covers it. */
    long[] coverage(String pattern) {
        return wildcardCoverage.computeIfAbsent(pattern, p -> {
            long[] bits = new long[(keys.length + 63) / 64];
            for (ActionKey key : keys) {
                if (Glob.matches(p, key.name())) {
                    bits[key.id() >>> 6] |= 1L << key.id();
                }
            }
            return bits;
        });
    }
}
