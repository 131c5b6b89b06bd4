package io.camgate.admin;

import io.camgate.sign.SignedRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An admin request as COS v5 signature verification reads it: method, decoded path, parameters, headers. */
final class AdminRequest implements SignedRequest {
    private final FullHttpRequest request;
    private final String path;
    private final List<String[]> parameters = new ArrayList<>();

    AdminRequest(FullHttpRequest request) {
        this.request = request;
        QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
        this.path = decoder.path();
        for (Map.Entry<String, List<String>> e : decoder.parameters().entrySet()) {
            for (String v : e.getValue()) {
                parameters.add(new String[] {e.getKey(), v});
            }
        }
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public int parameterCount() {
        return parameters.size();
    }

    @Override
    public String parameterName(int index) {
        return parameters.get(index)[0];
    }

    @Override
    public String parameterValue(int index) {
        return parameters.get(index)[1];
    }

    @Override
    public List<String> headerValues(String name) {
        return request.headers().getAll(name);
    }
}
