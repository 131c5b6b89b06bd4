package io.camgate.sign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@link SignedRequest} built by hand, standing in for the classifier's parse. */
class TestRequest implements SignedRequest {
    private final String method;
    private final String path;
    private final List<String[]> params = new ArrayList<>();
    private final List<String[]> headers = new ArrayList<>();

    TestRequest(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /** Adds a decoded parameter. */
    TestRequest param(String name, String value) {
        params.add(new String[] {name, value});
        return this;
    }

    /** Adds parameters from a raw query string, percent-decoding once as the classifier does. */
    TestRequest rawQuery(String query) {
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            param(decode(eq < 0 ? part : part.substring(0, eq)), eq < 0 ? "" : decode(part.substring(eq + 1)));
        }
        return this;
    }

    TestRequest header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** A copy with every header and parameter. */
    TestRequest copy(String newMethod, String newPath) {
        TestRequest r = new TestRequest(newMethod, newPath);
        r.params.addAll(params);
        r.headers.addAll(headers);
        return r;
    }

    /** A copy with header {@code name}'s values replaced by {@code value} (null removes it). */
    TestRequest withHeader(String name, String value) {
        TestRequest r = new TestRequest(method, path);
        r.params.addAll(params);
        headers.stream().filter(h -> !h[0].equalsIgnoreCase(name)).forEach(r.headers::add);
        if (value != null) {
            r.headers.add(new String[] {name, value});
        }
        return r;
    }

    /** A copy with parameter {@code name}'s value replaced by {@code value} (null removes it). */
    TestRequest withParam(String name, String value) {
        TestRequest r = new TestRequest(method, path);
        r.headers.addAll(headers);
        for (String[] p : params) {
            if (!p[0].equals(name)) {
                r.params.add(p);
            } else if (value != null) {
                r.params.add(new String[] {name, value});
            }
        }
        return r;
    }

    static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
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

    /** The header lines, as added. */
    List<String[]> headers() {
        return headers;
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
}
