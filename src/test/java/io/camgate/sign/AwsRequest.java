package io.camgate.sign;

/** An {@link AwsSignedRequest} built by hand from a request line and headers, standing in for the classifier. */
final class AwsRequest extends TestRequest implements AwsSignedRequest {
    private final String rawPath;
    private final String rawQuery;

    /** A request for {@code target}, {@code /path?query} as on the request line. */
    AwsRequest(String method, String target) {
        super(method, decode(rawPath(target)));
        int q = target.indexOf('?');
        this.rawPath = rawPath(target);
        this.rawQuery = q < 0 ? null : target.substring(q + 1);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            rawQuery(rawQuery);
        }
    }

    private static String rawPath(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    @Override
    AwsRequest header(String name, String value) {
        super.header(name, value);
        return this;
    }

    /** The request line's target. */
    String target() {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }

    /** A copy for another method and target, with the same headers. */
    AwsRequest retarget(String newMethod, String newTarget) {
        AwsRequest r = new AwsRequest(newMethod, newTarget);
        headers().forEach(h -> r.header(h[0], h[1]));
        return r;
    }

    /** A copy with header {@code name} set to {@code value} in place (null removes it, absent appends it). */
    @Override
    AwsRequest withHeader(String name, String value) {
        AwsRequest r = new AwsRequest(method(), target());
        boolean seen = false;
        for (String[] h : headers()) {
            if (h[0].equalsIgnoreCase(name)) {
                seen = true;
                if (value != null) {
                    r.header(h[0], value);
                }
            } else {
                r.header(h[0], h[1]);
            }
        }
        if (!seen && value != null) {
            r.header(name, value);
        }
        return r;
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public int headerCount() {
        return headers().size();
    }

    @Override
    public String headerName(int index) {
        return headers().get(index)[0];
    }

    @Override
    public String toString() {
        return method() + " " + target();
    }
}
