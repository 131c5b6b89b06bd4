package io.camgate.proxy.upstream;

import io.camgate.cos.QueryParam;
import io.camgate.sign.SignedRequest;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * The request the gateway is about to send upstream, as a COS v5 signer reads it, for
 * {@code cos} routes that re-sign with a service key.
 *
 * @param method  the HTTP method
 * @param path    the decoded path as the upstream will see it
 * @param params  the decoded query parameters sent
 * @param headers the headers sent
 */
record OutgoingRequest(String method, String path, List<QueryParam> params, HttpHeaders headers)
        implements SignedRequest {
    @Override
    public int parameterCount() {
        return params.size();
    }

    @Override
    public String parameterName(int index) {
        return params.get(index).name();
    }

    @Override
    public String parameterValue(int index) {
        return params.get(index).value();
    }

    @Override
    public List<String> headerValues(String name) {
        return headers.getAll(name);
    }
}
