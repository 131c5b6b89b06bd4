package io.camgate.proxy.upstream;

import io.camgate.config.RouteSettings;
import io.camgate.cos.CosRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;

/**
 * {@code passthrough}: the upstream is COS itself and checks the client's own signature again, so
 * the client's Host, path, query and credentials go on unchanged in meaning, and a form's fields
 * as sent. The only mode that carries the client's credentials.
 */
final class PassthroughMode implements UpstreamMode {
    @Override
    public boolean carriesCredentials() {
        return true;
    }

    @Override
    public boolean forwardsCi() {
        return true;
    }

    @Override
    public UpstreamRequestBuilder.Address address(CosRequest request, HttpRequest client, RouteSettings route,
            HttpHeaders out) {
        out.set(HttpHeaderNames.HOST, client.headers().get(HttpHeaderNames.HOST));
        return new UpstreamRequestBuilder.Address(request.decodedPath(), request.params(), request.wireTarget());
    }

    @Override
    public boolean rewritesForm() {
        return false;
    }
}
