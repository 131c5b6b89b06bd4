package io.camgate.bench;

import io.camgate.sign.AwsSignedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as the classifier would present it to the signature benchmarks: one parse, read-only
 * views, header values looked up in a map built once, so a lookup allocates nothing. The path
 * needs no escaping, so the raw and the decoded path are the same text.
 */
final class RequestView implements AwsSignedRequest {
    private final String method;
    private final String path;
    private final List<String[]> params;
    private final List<String[]> headers;
    private final Map<String, List<String>> values = new HashMap<>();

    /**
     * @param method  the HTTP method
     * @param path    the path
     * @param params  decoded query parameters, {name, value}
     * @param headers header lines in order, {name, value}
     */
    RequestView(String method, String path, List<String[]> params, List<String[]> headers) {
        this.method = method;
        this.path = path;
        this.params = List.copyOf(params);
        this.headers = List.copyOf(headers);
        for (String[] h : headers) {
            values.computeIfAbsent(h[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h[1]);
        }
        values.replaceAll((k, v) -> List.copyOf(v));
    }

    /** This request with one more header line. */
    RequestView with(String name, String value) {
        List<String[]> more = new ArrayList<>(headers);
        more.add(new String[] {name, value});
        return new RequestView(method, path, params, more);
    }

    List<String[]> params() {
        return params;
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
    public String rawPath() {
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

    @Override
    public List<String> headerValues(String name) {
        List<String> found = values.get(name.toLowerCase(Locale.ROOT));
        return found == null ? List.of() : found;
    }

    @Override
    public int headerCount() {
        return headers.size();
    }

    @Override
    public String headerName(int index) {
        return headers.get(index)[0];
    }
}
