package io.camgate.policy;

/**
 * One entry of a statement's {@code resource} element: {@code *}, or six segments whose
 * service, region, account and resource parts may hold {@code *} globs and policy variables.
 *
 * <p>Matching (DESIGN §3): the project segment is ignored; an empty or {@code *} service or
 * region matches any; an empty account means the policy owner's account ({@code uid/<appid>}
 * for COS and CI, {@code uin/<uin>} otherwise, by the request's service); the other segments
 * are case-sensitive globs. A request for the account-less {@code *} matches only the
 * pattern {@code *}.
 */
public final class ResourcePattern {
    private final String source;
    private final boolean any;
    private final String service;
    private final String region;
    private final String account;
    private final String resource;

    private ResourcePattern(String source, boolean any, String service, String region, String account,
            String resource) {
        this.source = source;
        this.any = any;
        this.service = service;
        this.region = region;
        this.account = account;
        this.resource = resource;
    }

    /** The pattern that matches every resource. */
    public static final ResourcePattern ANY = new ResourcePattern("*", true, "", "", "", "*");

    /**
     * Reads a pattern.
     *
     * @throws IllegalArgumentException with the reason when the pattern is malformed
     */
    public static ResourcePattern parse(String text) {
        if (text.equals("*")) {
            return ANY;
        }
        String[] parts = ResourceName.splitSix(text);
        if (parts == null) {
            throw new IllegalArgumentException("a resource is \"*\" or six segments qcs:project:service:region:account:resource");
        }
        if (!parts[0].equals("qcs")) {
            throw new IllegalArgumentException("a resource must start with \"qcs:\"");
        }
        if (parts[5].isEmpty()) {
            throw new IllegalArgumentException("the resource segment (after the fifth colon) is empty");
        }
        for (int i = 2; i < 6; i++) {
            if (PolicyVariables.hasUnknownVariable(parts[i])) {
                throw new IllegalArgumentException(
                        "unknown policy variable in \"" + parts[i] + "\"; known: " + PolicyVariables.NAMES);
            }
        }
        if (parts[2].contains("${") || parts[3].contains("${")) {
            throw new IllegalArgumentException("policy variables may stand only in the account and resource segments");
        }
        if (parts[2].equals("cos") && objectPath(parts[5]).contains("${")) {
            throw new IllegalArgumentException("policy variables may not stand in a COS object path");
        }
        return new ResourcePattern(text, false, parts[2], parts[3], parts[4], parts[5]);
    }

    private static String objectPath(String cosResource) {
        int slash = cosResource.indexOf('/');
        return slash < 0 ? "" : cosResource.substring(slash);
    }

    /** The pattern as written. */
    public String source() {
        return source;
    }

    /** True for {@code *}. */
    public boolean isAny() {
        return any;
    }

    /** The service segment as written (empty means any). */
    public String service() {
        return service;
    }

    /** The region segment as written (empty means any). */
    public String region() {
        return region;
    }

    /** The account segment as written (empty means the policy owner's). */
    public String account() {
        return account;
    }

    /** The resource segment as written. */
    public String resource() {
        return resource;
    }

    /** Whether this pattern covers {@code request}, with the variables of one evaluation. */
    public boolean matches(ResourceName request, PolicyVariables vars) {
        if (any) {
            return true;
        }
        if (request.isAccountless()) {
            return false;
        }
        if (!anyOrGlob(service, request.service()) || !anyOrGlob(region, request.region())) {
            return false;
        }
        String accountPattern = account.isEmpty() ? ownerAccount(request.service(), vars) : vars.substitute(account);
        if (accountPattern == null || !Glob.matches(accountPattern, request.account())) {
            return false;
        }
        String resourcePattern = vars.substitute(resource);
        return resourcePattern != null && Glob.matches(resourcePattern, request.resource());
    }

    /**
     * This pattern with the policy variables in its account and resource segments replaced, so
     * that it matches like the original with {@code vars} but needs no substitution per request.
     * Null when a variable it needs has no value (the pattern can then never match).
     */
    public ResourcePattern substituted(PolicyVariables vars) {
        if (any) {
            return this;
        }
        String a = vars.substitute(account);
        String r = vars.substitute(resource);
        if (a == null || r == null) {
            return null;
        }
        return a.equals(account) && r.equals(resource) ? this : new ResourcePattern(source, false, service, region, a, r);
    }

    /** The account an empty account segment stands for, by the request's service. */
    public static String ownerAccount(String requestService, PolicyVariables vars) {
        return namesAccountsByAppid(requestService) ? "uid/" + vars.appId() : "uin/" + vars.ownerUin();
    }

    /** Whether resources of {@code service} name their account {@code uid/<appid>} (COS and CI) rather than {@code uin/<uin>}. */
    public static boolean namesAccountsByAppid(String service) {
        return service.equals("cos") || service.equals("ci");
    }

    private static boolean anyOrGlob(String pattern, String value) {
        return pattern.isEmpty() || Glob.matches(pattern, value);
    }

    @Override
    public String toString() {
        return source;
    }
}
