package io.camgate.authz.index;

import io.camgate.policy.Glob;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.ResourceName;
import io.camgate.policy.ResourcePattern;
import java.util.function.UnaryOperator;

/**
 * A resource pattern whose policy variables are all filled in, read once into what a match
 * needs: the segments to compare, the owner's account ready for both account forms, and the
 * resource segment, of which the trie has already compared the literal prefix. Matches
 * exactly as {@link ResourcePattern#matches} does with the same variables.
 */
final class CompiledResource {
    private final boolean any;
    private final String service;
    private final String region;
    private final String account;
    private final String ownerByAppid;
    private final String ownerByUin;
    private final String resource;
    /** Which of service, region and account hold a star; the others are compared whole. */
    private final boolean serviceGlob;
    private final boolean regionGlob;
    private final boolean accountGlob;
    private final boolean ownerByAppidGlob;
    private final boolean ownerByUinGlob;

    private CompiledResource(ResourcePattern p, PolicyVariables vars, UnaryOperator<String> canonical) {
        any = p.isAny();
        service = p.service().isEmpty() ? null : canonical.apply(p.service());
        region = p.region().isEmpty() ? null : canonical.apply(p.region());
        account = p.account().isEmpty() ? null : canonical.apply(p.account());
        ownerByAppid = account == null ? canonical.apply(ResourcePattern.ownerAccount("cos", vars)) : null;
        ownerByUin = account == null ? canonical.apply(ResourcePattern.ownerAccount("", vars)) : null;
        resource = p.resource();
        serviceGlob = service != null && Glob.isWildcard(service);
        regionGlob = region != null && Glob.isWildcard(region);
        accountGlob = account != null && Glob.isWildcard(account);
        ownerByAppidGlob = ownerByAppid != null && Glob.isWildcard(ownerByAppid);
        ownerByUinGlob = ownerByUin != null && Glob.isWildcard(ownerByUin);
    }

    /**
     * The compiled form of {@code pattern}, already {@link ResourcePattern#substituted substituted}
     * with {@code vars}; null when a variable is left in it (only a pattern matched per request can hold one).
     *
     * @param canonical gives one shared instance per distinct segment, so that the few regions
     *                  and accounts thousands of statements name stay hot in the CPU cache
     */
    static CompiledResource of(ResourcePattern pattern, PolicyVariables vars, UnaryOperator<String> canonical) {
        boolean variables = pattern.account().contains("${") || pattern.resource().contains("${");
        return variables ? null : new CompiledResource(pattern, vars, canonical);
    }

    /** Whether the pattern covers {@code request}, whose first {@code verified} resource characters are known to match. */
    boolean matches(ResourceName request, int verified) {
        if (any) {
            return true;
        }
        if (request.isAccountless()) {
            return false;
        }
        if (service != null && !segmentMatches(service, serviceGlob, request.service())
                || region != null && !segmentMatches(region, regionGlob, request.region())) {
            return false;
        }
        boolean accountMatches = account != null
                ? segmentMatches(account, accountGlob, request.account())
                : ResourcePattern.namesAccountsByAppid(request.service())
                        ? segmentMatches(ownerByAppid, ownerByAppidGlob, request.account())
                        : segmentMatches(ownerByUin, ownerByUinGlob, request.account());
        return accountMatches && Glob.matches(resource, verified, request.resource(), verified);
    }

    /** A pattern without a star is compared whole ({@code String.equals} is vectorized by the JIT). */
    private static boolean segmentMatches(String pattern, boolean glob, String value) {
        return glob ? Glob.matches(pattern, value) : pattern.equals(value);
    }
}
