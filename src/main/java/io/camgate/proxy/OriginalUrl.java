package io.camgate.proxy;

import java.util.Locale;

/**
 * The original request's URL as ingress-nginx's {@code auth-url} subrequest names it in
 * {@code X-Original-URL} ({@code $scheme://$http_host$request_uri}): the scheme the ingress
 * received it over, the {@code Host} the client sent (and signed), and the request target as
 * it came, undecoded.
 *
 * @param secure    whether the scheme is {@code https}
 * @param authority the client's {@code Host} header
 * @param target    the path and query, starting with {@code /}
 */
record OriginalUrl(boolean secure, String authority, String target) {
    /** The URL's parts, or null when {@code url} is not an absolute http or https URL with a host. */
    static OriginalUrl parse(String url) {
        int sep = url.indexOf("://");
        if (sep < 0) {
            return null;
        }
        String scheme = url.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int start = sep + 3;
        int end = start;
        while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != '?') {
            end++;
        }
        String authority = url.substring(start, end);
        if (authority.isEmpty() || authority.indexOf('@') >= 0) {
            return null;
        }
        // nginx's $request_uri always starts with a slash; a URL without a path asks about "/"
        String target = end == url.length() ? "/" : url.charAt(end) == '/' ? url.substring(end) : "/" + url.substring(end);
        return new OriginalUrl(scheme.equals("https"), authority, target);
    }
}
