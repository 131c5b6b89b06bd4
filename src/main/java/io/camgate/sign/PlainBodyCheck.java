package io.camgate.sign;

import io.netty.buffer.ByteBuf;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks a body that is not aws-chunked against what its verified headers promise: the SHA-256
 * of {@code x-amz-content-sha256} ({@link PayloadMode#SHA256_HEX}) and an
 * {@code x-amz-checksum-*} header, as the body streams. Not thread-safe: one per request, fed
 * from the request's event loop.
 *
 * <p>Contract with the request path: call {@link #accept} for every piece of content in order,
 * with {@code last} set on the final one, and forward exactly what the {@link BodySink} receives.
 * <ul>
 * <li>With a known length, the byte that completes it reaches the sink only after every check
 * passed; a body longer than declared fails before any excess is released.</li>
 * <li>With an unknown length (chunked transfer), the upstream's final chunk may be written only
 * after {@code accept(..., true, ...)} returned normally.</li>
 * <li>With a declared length of 0 ({@link #holdsRequestHead()}), there is no byte to hold: the
 * upstream request may not be sent before {@code accept(..., true, ...)} returned normally.</li>
 * <li>On an exception, the request path must cut the upstream connection (it has not received
 * the whole body) and answer with the exception's error; {@link #discard()} frees what is held.</li>
 * </ul>
 */
public final class PlainBodyCheck implements BodyCheck {
    private final MessageDigest sha256;
    private final byte[] expectedSha256;
    private final RunningChecksum checksum;
    private final byte[] expectedChecksum;
    private final FinalByteGate gate;
    private final long declared;
    private boolean done;

    private PlainBodyCheck(byte[] expectedSha256, RunningChecksum.Expected header, long declared) {
        this.expectedSha256 = expectedSha256;
        try {
            this.sha256 = expectedSha256 == null ? null : MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        this.checksum = header == null ? null : header.algorithm().start();
        this.expectedChecksum = header == null ? null : header.value();
        this.gate = new FinalByteGate(declared);
        this.declared = declared;
    }

    /**
     * The check for a verified request whose body is not aws-chunked.
     *
     * @param verification  the request's verified signature; its mode must not be streaming
     * @param request       the request, for its {@code x-amz-checksum-*} header
     * @param contentLength the Content-Length, or -1 for chunked transfer
     * @throws AuthenticationException a 400 for an unusable checksum header
     */
    public static PlainBodyCheck of(AwsVerification verification, AwsSignedRequest request, long contentLength)
            throws AuthenticationException {
        if (verification.payloadMode().isStreaming()) {
            throw new IllegalArgumentException("a streaming payload goes through AwsChunkedBody");
        }
        return new PlainBodyCheck(verification.expectedSha256(), RunningChecksum.fromHeaders(request), contentLength);
    }

    /**
     * The check of a body whose signature promises nothing about it (COS, SigV2, anonymous), for
     * its {@code x-amz-checksum-*} header; null when it carries none.
     *
     * @param contentLength the Content-Length, or -1 for chunked transfer
     * @throws AuthenticationException a 400 for an unusable checksum header
     */
    public static PlainBodyCheck ofChecksum(AwsSignedRequest request, long contentLength)
            throws AuthenticationException {
        RunningChecksum.Expected header = RunningChecksum.fromHeaders(request);
        return header == null ? null : new PlainBodyCheck(null, header, contentLength);
    }

    /** The body goes on as framed: it is not decoded. */
    @Override
    public long decodedLength() {
        return -1;
    }

    /** Whether nothing of the body can be held back, so the request head must wait for the verdict. */
    @Override
    public boolean holdsRequestHead() {
        return declared == 0;
    }

    /** Whether the body has been fully received and every check passed. */
    @Override
    public boolean isComplete() {
        return done;
    }

    /**
     * Takes the next piece of the body. Reads {@code content} from its reader index without moving
     * it; the caller keeps ownership of {@code content}.
     *
     * @throws AuthenticationException {@code XAmzContentSHA256Mismatch}, {@code BadDigest}, or
     *                                 {@code IncompleteBody} for a length that differs from the declared one
     */
    @Override
    public void accept(ByteBuf content, boolean last, BodySink sink) throws AuthenticationException {
        if (done) {
            throw new AuthenticationException(AuthError.lengthMismatch("The body continues after its end."));
        }
        int index = content.readerIndex();
        int length = content.readableBytes();
        try {
            if (sha256 != null) {
                RunningChecksum.update(content, index, length, null, sha256);
            }
            if (checksum != null) {
                checksum.update(content, index, length);
            }
            gate.pass(content, index, length, sink);
            if (!last) {
                return;
            }
            if (declared >= 0 && gate.passed() != declared) {
                throw new AuthenticationException(AuthError.lengthMismatch(
                        "You did not provide the number of bytes specified by the Content-Length HTTP header."));
            }
            if (sha256 != null && !MessageDigest.isEqual(sha256.digest(), expectedSha256)) {
                throw new AuthenticationException(AuthError.CONTENT_SHA256_MISMATCH);
            }
            if (checksum != null) {
                checksum.check(expectedChecksum);
            }
        } catch (AuthenticationException e) {
            gate.discard();
            throw e;
        }
        done = true;
        gate.open(sink);
    }

    /** Frees the held byte of a body that will not be completed. */
    @Override
    public void discard() {
        gate.discard();
    }
}
