package io.camgate.sign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An {@link AwsSignedRequest} built by hand from a request line and headers, standing in for the classifier. */
final class AwsRequest implements AwsSignedRequest {
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final List<String[]> params = new ArrayList<>();
    private final List<String[]> headers = new ArrayList<>();

    /** A request for {@code target}, {@code /path?query} as on the request line. */
    AwsRequest(String method, String target) {
        this.method = method;
        int q = target.indexOf('?');
        this.rawPath = q < 0 ? target : target.substring(0, q);
        this.rawQuery = q < 0 ? null : target.substring(q + 1);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String part : rawQuery.split("&")) {
                int eq = part.indexOf('=');
                params.add(new String[] {TestRequest.decode(eq < 0 ? part : part.substring(0, eq)),
                    eq < 0 ? "" : TestRequest.decode(part.substring(eq + 1))});
            }
        }
    }

    AwsRequest header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** The request line's target. */
    String target() {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }

    List<String[]> headers() {
        return headers;
    }

    /** A copy for another method and target, with the same headers. */
    AwsRequest retarget(String newMethod, String newTarget) {
        AwsRequest r = new AwsRequest(newMethod, newTarget);
        r.headers.addAll(headers);
        return r;
    }

    /** A copy with header {@code name} set to {@code value} in place (null removes it, absent appends it). */
    AwsRequest withHeader(String name, String value) {
        AwsRequest r = new AwsRequest(method, target());
        boolean seen = false;
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                seen = true;
                if (value != null) {
                    r.headers.add(new String[] {h[0], value});
                }
            } else {
                r.headers.add(h);
            }
        }
        if (!seen && value != null) {
            r.headers.add(new String[] {name, value});
        }
        return r;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return TestRequest.decode(rawPath);
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public int parameterCount() {
        return params.size();
    }

    @Override
    public String parameterName(int index) {
        return params.get(index)[0];
    }

    @Override
    public String parameterValue(int index) {
        return params.get(index)[1];
    }

    @Override
    public List<String> headerValues(String name) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                out.add(h[1]);
            }
        }
        return out;
    }

    @Override
    public int headerCount() {
        return headers.size();
    }

    @Override
    public String headerName(int index) {
        return headers.get(index)[0];
    }

    @Override
    public String toString() {
        return method + " " + target();
    }
}
