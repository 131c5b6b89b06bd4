package io.camgate.authz;

import io.camgate.policy.PolicyDocument;
import io.camgate.policy.Presets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policy documents of one snapshot: custom user policies by name, bucket policies by
 * bucket name, and the presets, instantiated per owning root account on first use.
 */
public final class PolicySet {
    private final Map<String, PolicyDocument> userPolicies;
    private final Map<String, PolicyDocument> bucketPolicies;
    private final Map<String, PolicyDocument> presetInstances = new ConcurrentHashMap<>();

    /**
     * @param userPolicies   custom policies by name; a name may not shadow a preset
     * @param bucketPolicies bucket policies by bucket name
     */
    public PolicySet(Map<String, PolicyDocument> userPolicies, Map<String, PolicyDocument> bucketPolicies) {
        this.userPolicies = Map.copyOf(userPolicies);
        this.bucketPolicies = Map.copyOf(bucketPolicies);
    }

    /** The user policy {@code name} as attached under root account {@code ownerUin}. */
    public Optional<PolicyDocument> userPolicy(String name, String ownerUin) {
        PolicyDocument custom = userPolicies.get(name);
        if (custom != null) {
            return Optional.of(custom);
        }
        if (!Presets.isPreset(name)) {
            return Optional.empty();
        }
        return Optional.of(presetInstances.computeIfAbsent(name + "@" + ownerUin,
                k -> Presets.document(name, ownerUin)));
    }

    /** The custom user policies by name. */
    public Map<String, PolicyDocument> customPolicies() {
        return userPolicies;
    }

    /** The bucket policy of {@code bucket}. */
    public Optional<PolicyDocument> bucketPolicy(String bucket) {
        return Optional.ofNullable(bucketPolicies.get(bucket));
    }

    /** Every bucket policy by bucket name. */
    public Map<String, PolicyDocument> bucketPolicies() {
        return bucketPolicies;
    }
}
