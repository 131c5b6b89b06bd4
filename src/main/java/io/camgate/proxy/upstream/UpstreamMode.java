package io.camgate.proxy.upstream;

import io.camgate.config.RouteSettings;
import io.camgate.cos.CosRequest;
import io.camgate.cos.QueryParam;
import io.camgate.sign.SigV4Signer;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a route reaches its store: one small class per {@code auth} mode of {@code camgate.yaml},
 * each saying what differs from the rebuilt, allowlisted request that {@link UpstreamRequestBuilder}
 * makes for every mode: the address (Host, path and query), how a client header goes on, the
 * signature, how a POST Object form's fields are rewritten and signed, and how the response's
 * headers come back. A new mode is a new class here and a new case in {@link #of}.
 */
sealed interface UpstreamMode permits PassthroughMode, SigV4Mode, CosResignMode, UnsignedMode {
    /** Headers left as the upstream sent them. */
    Consumer<HttpHeaders> UNCHANGED = headers -> { };

    /** The mode {@code settings} name, with its signer made once for the route. */
    static UpstreamMode of(RouteSettings settings) {
        return switch (settings.auth()) {
            case PASSTHROUGH -> new PassthroughMode();
            case SIGV4 -> new SigV4Mode(new SigV4Signer(settings.accessKey(), settings.secretKey(),
                    settings.region(), "s3"));
            case COS -> new CosResignMode(settings.accessKey(), settings.secretKey());
            case NONE -> new UnsignedMode();
        };
    }

    /** Whether the client's credentials (Authorization, security token) go on: only when its own signature does. */
    default boolean carriesCredentials() {
        return false;
    }

    /**
     * Whether Cloud Infinite requests may go: only to COS itself with the client's own signature,
     * since no other store or signature serves them.
     */
    default boolean forwardsCi() {
        return false;
    }

    /**
     * Adds one client header that may reach the store to {@code out}, as this mode's store names it.
     *
     * @param name   the header's name in lower case
     * @param asSent the header's name as the client sent it
     * @throws ForwardingRefused when the store has no equivalent
     */
    default void header(String name, String asSent, String value, CosRequest request, HttpHeaders out)
            throws ForwardingRefused {
        out.add(asSent, value);
    }

    /**
     * Sets the Host in {@code out} and says where the request goes on the upstream. By default
     * the address is rebuilt from the authorized bucket and key, without the client's signature
     * parameters.
     */
    default UpstreamRequestBuilder.Address address(CosRequest request, HttpRequest client, RouteSettings route,
            HttpHeaders out) throws ForwardingRefused {
        return UpstreamRequestBuilder.rebuilt(request, route, out, this);
    }

    /** Refuses a query parameter the store would not read as COS does; by default all pass. */
    default void checkParameter(String name) throws ForwardingRefused {
    }

    /** Signs the request about to be sent; by default it goes unsigned. */
    default void sign(String method, String path, List<QueryParam> params, HttpHeaders out, Instant now) {
    }

    /** Whether a POST Object form's fields are rewritten (the authorized key, a fresh policy), or go on as sent. */
    default boolean rewritesForm() {
        return true;
    }

    /** Adds one client form field that may reach the store to {@code out} as a name and value. */
    default void formField(String name, String asSent, String value, List<String[]> out) throws ForwardingRefused {
        out.add(new String[] {asSent, value});
    }

    /** Adds a policy naming {@code out}'s fields, and its signature, to a rewritten form; by default none. */
    default void signForm(List<String[]> out, String bucket, Instant now) {
    }

    /** Rewrites the upstream response's headers before they reach the client. */
    default Consumer<HttpHeaders> responseHeaders() {
        return UNCHANGED;
    }
}
