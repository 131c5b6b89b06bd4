package io.camgate.loadtest;

import io.camgate.cos.CosRequest;
import io.camgate.sign.SignedRequest;
import java.util.List;

/**
 * The signer's view of a classified request: what COS v5 signs, read from the one parse.
 *
 * @param request the classified request
 */
record ClassifiedRequest(CosRequest request) implements SignedRequest {
    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public int parameterCount() {
        return request.parameterCount();
    }

    @Override
    public String parameterName(int index) {
        return request.parameterName(index);
    }

    @Override
    public String parameterValue(int index) {
        return request.parameterValue(index);
    }

    @Override
    public List<String> headerValues(String name) {
        return request.headerValues(name);
    }
}
