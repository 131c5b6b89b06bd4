package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BUCKET;

import io.camgate.config.RouteSettings.UpstreamAuth;
import io.camgate.testing.RawHttp;

/**
 * A {@link RouteModeSuite} for S3 clients, which address the gateway itself ({@code 127.0.0.1:port})
 * path style, the bucket first in the path.
 */
abstract class S3RouteModeSuite extends RouteModeSuite {
    /** The Host an S3 client pointed at the gateway of {@code mode} sends. */
    static String host(UpstreamAuth mode) {
        return "127.0.0.1:" + modes.port(mode);
    }

    /** The path-style path of {@code key} in the example bucket. */
    static String path(String key) {
        return "/" + BUCKET + "/" + key;
    }

    /** Sends {@code head} with {@code body} to the gateway of {@code mode}. */
    static RawHttp.Reply send(UpstreamAuth mode, String head, byte[] body) throws Exception {
        return S3Requests.send(modes.port(mode), head, body);
    }
}
