package io.camgate.authz.index;

import io.camgate.policy.Glob;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.ResourceName;
import io.camgate.policy.ResourcePattern;
import java.util.function.UnaryOperator;

/**
 * A resource pattern with its policy variables filled in, read once into what a match needs:
 * the segments to compare, the owner's account ready for both account forms, and the resource
 * segment, of which a lookup has already compared the literal prefix; a segment that is that
 * prefix and one final {@code *} (the usual {@code home/uin/*}) then needs no further look.
 * Matches exactly as {@link ResourcePattern#matches} does with the same variables. A pattern
 * in which a variable without a value is left is matched by {@link ResourcePattern#matches}.
 *
 * <p>Extended by {@link CompiledStatement}, so that a statement and its pattern are one object
 * (one cache line fewer to fetch per decision).
 */
abstract class CompiledResource {
    private final ResourcePattern pattern;
    private final PolicyVariables vars;
    /** False when a variable without a value is left in the pattern: then the fields below are unset. */
    private final boolean readable;
    /** How many leading characters of the resource segment are literal (up to the first star or variable). */
    private final int literalPrefix;
    /** The resource segment is its literal prefix and a final star. */
    private final boolean prefixAndStar;
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

    CompiledResource(ResourcePattern p, PolicyVariables vars, UnaryOperator<String> canonical) {
        this.pattern = p;
        this.vars = vars;
        readable = !p.account().contains("${") && !p.resource().contains("${");
        any = p.isAny();
        String text = any ? "" : p.resource();
        int end = text.indexOf('*');
        int variable = text.indexOf("${");
        if (variable >= 0 && (end < 0 || variable < end)) {
            end = variable;
        }
        literalPrefix = end < 0 ? text.length() : end;
        prefixAndStar = end >= 0 && end == text.length() - 1 && variable < 0;
        service = !readable || p.service().isEmpty() ? null : canonical.apply(p.service());
        region = !readable || p.region().isEmpty() ? null : canonical.apply(p.region());
        account = !readable || p.account().isEmpty() ? null : canonical.apply(p.account());
        ownerByAppid = readable && account == null ? canonical.apply(ResourcePattern.ownerAccount("cos", vars)) : null;
        ownerByUin = readable && account == null ? canonical.apply(ResourcePattern.ownerAccount("", vars)) : null;
        resource = text;
        serviceGlob = service != null && Glob.isWildcard(service);
        regionGlob = region != null && Glob.isWildcard(region);
        accountGlob = account != null && Glob.isWildcard(account);
        ownerByAppidGlob = ownerByAppid != null && Glob.isWildcard(ownerByAppid);
        ownerByUinGlob = ownerByUin != null && Glob.isWildcard(ownerByUin);
    }

    /** The policy variables the pattern was compiled with. */
    final PolicyVariables vars() {
        return vars;
    }

    /**
     * How many leading characters of the pattern's resource segment are literal: up to the
     * first {@code *}, or the first variable left in it. A covered resource starts with them.
     */
    final int literalPrefix() {
        return literalPrefix;
    }

    /** The pattern's resource segment (empty for {@code *}). */
    final String resourceText() {
        return resource;
    }

    /** Whether the pattern covers {@code request}, whose first {@code verified} resource characters are known to match. */
    final boolean covers(ResourceName request, int verified) {
        if (!readable) {
            return pattern.matches(request, vars);
        }
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
        if (!accountMatches) {
            return false;
        }
        if (prefixAndStar) {
            return verified >= literalPrefix
                    || request.resource().regionMatches(verified, resource, verified, literalPrefix - verified);
        }
        return Glob.matches(resource, verified, request.resource(), verified);
    }

    /** A pattern without a star is compared whole ({@code String.equals} is vectorized by the JIT). */
    private static boolean segmentMatches(String pattern, boolean glob, String value) {
        return glob ? Glob.matches(pattern, value) : pattern.equals(value);
    }
}
