package io.camgate.sign;

import io.netty.buffer.ByteBuf;

/**
 * A check the request path runs over a request body as it streams, because the verified head
 * promised something about it (a SHA-256, chunk signatures, a checksum). One per request, fed
 * from the request's event loop.
 *
 * <p>Contract with the request path: call {@link #accept} for every piece of content in order,
 * with {@code last} set on the final one, and forward exactly what the {@link BodySink} receives.
 * The byte that completes the forwarded length reaches the sink only once every check passed; when
 * {@link #holdsRequestHead()} there is no such byte, and the upstream request head must wait
 * until {@link #isComplete()}. On an exception the upstream connection is cut (it lacks at least
 * the final byte), {@link #discard()} frees what is held, and the client gets the exception's error.
 */
public sealed interface BodyCheck permits PlainBodyCheck, AwsChunkedBody {
    /**
     * Takes the next piece of the body, read from its reader index without moving it; the caller
     * keeps ownership of {@code content}.
     *
     * @throws AuthenticationException with the S3 error when the body breaks a check
     */
    void accept(ByteBuf content, boolean last, BodySink sink) throws AuthenticationException;

    /** Whether nothing of the forwarded body can be held back, so the request head must wait. */
    boolean holdsRequestHead();

    /** Whether the body has ended and every check passed. */
    boolean isComplete();

    /** Frees what is held of a body that will not be completed. */
    void discard();

    /**
     * The length of the body as forwarded to a store that is given it decoded (the decoded length
     * of an aws-chunked body), or -1 when the body goes as the client framed it.
     */
    long decodedLength();
}
