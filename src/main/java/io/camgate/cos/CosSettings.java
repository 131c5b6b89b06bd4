package io.camgate.cos;

import io.camgate.policy.IpAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What classification needs from configuration: custom domains and the bucket each serves,
 * the proxies whose {@code X-Forwarded-For} and VPC header are believed, and that header's name.
 *
 * @param customDomains  custom domain (lower case, no trailing dot) → full bucket name
 * @param trustedProxies peers allowed to speak for the client
 * @param vpcHeader      the header a trusted proxy puts the requester's VPC id in, or null for none
 */
public record CosSettings(Map<String, String> customDomains, List<IpAddress.Cidr> trustedProxies, String vpcHeader) {
    /** No custom domains, no trusted proxies, no VPC header. */
    public static final CosSettings DEFAULTS = new CosSettings(Map.of(), List.of(), null);

    /**
     * @throws IllegalArgumentException when a domain or bucket name is malformed, or a custom
     *         domain lies under a COS domain and would make a host ambiguous
     */
    public CosSettings {
        Map<String, String> domains = new HashMap<>();
        customDomains.forEach((domain, bucket) -> {
            String host = domain.toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (host.isEmpty() || host.endsWith(".myqcloud.com") || host.endsWith(".tencentcos.cn")) {
                throw new IllegalArgumentException("custom domain \"" + domain
                        + "\" is empty or lies under a COS domain, which would make its hosts ambiguous");
            }
            if (BucketName.appidOf(bucket) == null) {
                throw new IllegalArgumentException("custom domain \"" + domain + "\" names the malformed bucket \""
                        + bucket + "\"");
            }
            if (domains.put(host, bucket) != null) {
                throw new IllegalArgumentException("custom domain \"" + domain + "\" is given twice");
            }
        });
        customDomains = Map.copyOf(domains);
        trustedProxies = List.copyOf(trustedProxies);
        if (vpcHeader != null && vpcHeader.isBlank()) {
            throw new IllegalArgumentException("the VPC header name is blank");
        }
    }

    /** Whether the peer {@code address} (an IP literal) is a configured trusted proxy. */
    public boolean isTrustedProxy(String address) {
        if (trustedProxies.isEmpty()) {
            return false;
        }
        byte[] ip = IpAddress.parse(address);
        if (ip == null) {
            return false;
        }
        for (IpAddress.Cidr cidr : trustedProxies) {
            if (cidr.contains(ip)) {
                return true;
            }
        }
        return false;
    }
}
