package io.camgate.proxy.upstream;

/**
 * The side of one request that holds a pooled upstream connection while it serves the
 * request: its {@link UpstreamRelay} hands it everything the connection says. Called on the
 * connection's event loop, which is also the client connection's.
 */
public interface UpstreamLeg {
    /** One part of the upstream's response (released by the leg). */
    void onMessage(Object msg);

    /** The end of one socket read of the upstream. */
    void onReadComplete();

    /** The upstream connection can take more of the request body. */
    void onWritable();

    /** The upstream connection failed or closed while this leg held it (already reported). */
    void onFailed();
}
