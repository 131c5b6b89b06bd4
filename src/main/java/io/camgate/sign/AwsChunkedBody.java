package io.camgate.sign;

import io.camgate.policy.HexDigit;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Decodes and verifies an aws-chunked body as it streams: {@code <hex size>[;chunk-signature=<sig>]\r\n
 * <data>\r\n} chunks, a final zero-length chunk, and for the {@code -TRAILER} modes trailer lines
 * and an empty line. Checks the chunk-signature chain from the request's signature through the
 * final chunk, the trailer signature, the trailer checksum declared in {@code x-amz-trailer}, an
 * {@code x-amz-checksum-*} header, and that the chunk sizes add up to
 * {@code x-amz-decoded-content-length}. Not thread-safe: one per request, fed from its event loop.
 *
 * <p>Limits: a chunk carries at most {@value #MAX_CHUNK_SIZE} bytes; a body has at most
 * {@code 1024 + decodedLength / 1024} chunks (beyond the first 1024, a chunk carries 1 KiB on
 * average, which bounds the framing and HMAC work per byte); a chunk header line is at most
 * {@value #MAX_LINE} bytes and the trailer section at most {@value #MAX_TRAILER} bytes. Lines end
 * in CRLF; nothing may follow the end.
 *
 * <p>Contract with the request path: call {@link #accept} for every piece of the body in order
 * (as the HTTP decoder hands it over, {@code last} on the final one) and forward exactly the
 * decoded bytes the {@link BodySink} receives, with {@code Content-Length} set to
 * {@link AwsVerification#decodedLength()}.
 * <ul>
 * <li>The decoded byte that completes the declared length reaches the sink only after the final
 * chunk, the trailer and every checksum have been verified; so a failure is always reported
 * before the upstream could have a complete body.</li>
 * <li>Data is released as it arrives, before its chunk's signature is checked: a bad middle chunk
 * is reported at its end, while the upstream still lacks at least the final byte.</li>
 * <li>With a decoded length of 0 ({@link #holdsRequestHead()}) there is no byte to hold: the upstream
 * request may not be sent before {@link #isComplete()}.</li>
 * <li>On an exception, cut the upstream connection and answer with the exception's error; the
 * check stays failed, and {@link #discard()} frees what it holds.</li>
 * <li>A {@code passthrough} route that forwards the raw body instead must hold its own final raw
 * byte until {@link #isComplete()}.</li>
 * </ul>
 */
public final class AwsChunkedBody implements BodyCheck {
    /** The largest chunk accepted, in bytes. */
    public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    /** The longest chunk header line, CRLF excluded. */
    static final int MAX_LINE = 256;
    /** The most trailer bytes. */
    static final int MAX_TRAILER = 4096;

    private static final String SIGNATURE_EXTENSION = ";chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final byte[] EMPTY_SHA256 = Sha256Workspace.parseHex32(Sha256Workspace.EMPTY_SHA256_HEX);

    private enum State { HEADER, DATA, DATA_END, TRAILER, END, DONE, FAILED }

    private final PayloadMode mode;
    private final ChunkSigning chain;
    private final long decodedLength;
    private final long maxChunks;
    private final MessageDigest chunkSha256;
    private final ChecksumAlgorithm trailerAlgorithm;
    private final RunningChecksum trailerChecksum;
    private final RunningChecksum headerChecksum;
    private final byte[] headerExpected;
    private final FinalByteGate gate;

    private State state = State.HEADER;
    private boolean ended;
    private AuthenticationException failure;
    private byte[] previous;
    private byte[] presented;
    private long remaining;
    private long chunks;
    private long sum;
    private final byte[] line = new byte[MAX_TRAILER];
    private int lineLength;
    private final ByteSink trailerLines = new ByteSink();
    private int trailerBytes;
    private String trailerValue;
    private byte[] trailerSignature;

    private AwsChunkedBody(AwsVerification verification, ChecksumAlgorithm trailerAlgorithm,
            RunningChecksum.Expected header) {
        this.mode = verification.payloadMode();
        this.chain = verification.chunkSigning();
        this.previous = chain == null ? null : chain.seed();
        this.decodedLength = verification.decodedLength();
        this.maxChunks = 1024 + decodedLength / 1024;
        try {
            this.chunkSha256 = chain == null ? null : MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        this.trailerAlgorithm = trailerAlgorithm;
        this.trailerChecksum = trailerAlgorithm == null ? null : trailerAlgorithm.start();
        this.headerChecksum = header == null ? null : header.algorithm().start();
        this.headerExpected = header == null ? null : header.value();
        this.gate = new FinalByteGate(decodedLength);
    }

    /**
     * The check for a verified request with a streaming payload.
     *
     * @param verification the request's verified signature; its mode must be streaming
     * @param request      the request, for {@code x-amz-trailer} and {@code x-amz-checksum-*}
     * @throws AuthenticationException a 400 when the trailer declaration or a checksum header is unusable
     */
    public static AwsChunkedBody of(AwsVerification verification, AwsSignedRequest request)
            throws AuthenticationException {
        PayloadMode mode = verification.payloadMode();
        if (!mode.isStreaming()) {
            throw new IllegalArgumentException("only a streaming payload is aws-chunked");
        }
        String declared = SigV4Verifier.single(request, "x-amz-trailer");
        ChecksumAlgorithm trailer = null;
        if (mode.hasTrailer()) {
            trailer = declared == null ? null : ChecksumAlgorithm.ofHeader(declared);
            if (trailer == null) {
                throw new AuthenticationException(AuthError.invalidChecksum(
                        "x-amz-trailer must name one x-amz-checksum-* trailer"));
            }
        } else if (declared != null) {
            throw new AuthenticationException(AuthError.invalidChecksum(
                    "x-amz-trailer needs a -TRAILER payload mode"));
        }
        return new AwsChunkedBody(verification, trailer, RunningChecksum.fromHeaders(request));
    }

    /** Whether nothing of the decoded body can be held back, so the request head must wait for {@link #isComplete()}. */
    @Override
    public boolean holdsRequestHead() {
        return decodedLength == 0;
    }

    /** The sum of the chunks' sizes: {@code x-amz-decoded-content-length}. */
    @Override
    public long decodedLength() {
        return decodedLength;
    }

    /** Whether the body has ended and every check passed. */
    @Override
    public boolean isComplete() {
        return ended;
    }

    /** Frees the held byte of a body that will not be completed. */
    @Override
    public void discard() {
        gate.discard();
    }

    /**
     * Takes the next piece of the raw body. Reads {@code content} from its reader index without
     * moving it; the caller keeps ownership of {@code content}.
     *
     * @param last whether this is the final piece of the HTTP body
     * @throws AuthenticationException {@code SignatureDoesNotMatch} for a chunk or trailer signature,
     *                                 {@code BadDigest} for a checksum, {@code IncompleteBody} for
     *                                 lengths that differ or a body that ends early, a 400 for framing
     */
    @Override
    public void accept(ByteBuf content, boolean last, BodySink sink) throws AuthenticationException {
        if (failure != null) {
            throw failure;
        }
        try {
            int at = content.readerIndex();
            int end = content.writerIndex();
            while (at < end) {
                if (state == State.DATA) {
                    int n = (int) Math.min(remaining, end - at);
                    data(content, at, n, sink);
                    at += n;
                } else if (state == State.DONE) {
                    throw malformed("bytes follow the end of the body");
                } else {
                    at = line(content, at, end);
                }
            }
            if (last && state != State.DONE) {
                throw new AuthenticationException(AuthError.INCOMPLETE_BODY);
            }
        } catch (AuthenticationException e) {
            fail(e);
            throw e;
        }
        // The held byte goes only once the HTTP body has ended too: bytes after the final chunk would fail it.
        if (last) {
            ended = true;
            gate.open(sink);
        }
    }

    private void fail(AuthenticationException e) {
        failure = e;
        state = State.FAILED;
        gate.discard();
    }

    private void data(ByteBuf content, int at, int n, BodySink sink) throws AuthenticationException {
        if (chunkSha256 != null) {
            RunningChecksum.update(content, at, n, null, chunkSha256);
        }
        if (trailerChecksum != null) {
            trailerChecksum.update(content, at, n);
        }
        if (headerChecksum != null) {
            headerChecksum.update(content, at, n);
        }
        gate.pass(content, at, n, sink);
        remaining -= n;
        if (remaining == 0) {
            if (chain != null) {
                verifyChunk(chunkSha256.digest());
            }
            state = State.DATA_END;
        }
    }

    /** Collects one CRLF-terminated line from {@code at}; handles it once complete. Returns the next index. */
    private int line(ByteBuf content, int at, int end) throws AuthenticationException {
        int cap = state == State.TRAILER ? MAX_TRAILER - trailerBytes : state == State.DATA_END ? 2 : MAX_LINE + 2;
        int newline = content.indexOf(at, end, (byte) '\n');
        int stop = newline < 0 ? end : newline + 1;
        int n = stop - at;
        if (lineLength + n > cap) {
            throw malformed(state == State.TRAILER ? "the trailer is too long" : "a line is too long");
        }
        content.getBytes(at, line, lineLength, n);
        lineLength += n;
        if (newline < 0) {
            return stop;
        }
        if (lineLength < 2 || line[lineLength - 2] != '\r') {
            throw malformed("a line does not end in CRLF");
        }
        int length = lineLength - 2;
        lineLength = 0;
        switch (state) {
            case HEADER -> chunkHeader(length);
            case DATA_END -> {
                if (length != 0) {
                    throw malformed("chunk data is longer than its size");
                }
                state = State.HEADER;
            }
            case TRAILER -> trailerLine(length);
            case END -> {
                if (length != 0) {
                    throw malformed("a trailer follows a payload mode without one");
                }
                finish();
            }
            default -> throw new IllegalStateException(state.name());
        }
        return stop;
    }

    private void chunkHeader(int length) throws AuthenticationException {
        int semicolon = -1;
        for (int i = 0; i < length; i++) {
            if (line[i] == ';') {
                semicolon = i;
                break;
            }
        }
        int sizeEnd = semicolon < 0 ? length : semicolon;
        if (sizeEnd == 0 || sizeEnd > 8) {
            throw malformed("a chunk size is not 1 to 8 hex digits");
        }
        long size = 0;
        for (int i = 0; i < sizeEnd; i++) {
            int digit = HexDigit.value((char) line[i]);
            if (digit < 0) {
                throw malformed("a chunk size is not hex");
            }
            size = size << 4 | digit;
        }
        if (chain != null) {
            int from = sizeEnd + SIGNATURE_EXTENSION.length();
            if (semicolon < 0 || length != from + 64
                    || !SIGNATURE_EXTENSION.equals(new String(line, sizeEnd, SIGNATURE_EXTENSION.length(),
                            StandardCharsets.US_ASCII))) {
                throw malformed("a chunk header must be <size>;chunk-signature=<64 hex digits>");
            }
            presented = Sha256Workspace.parseHex32(new String(line, from, 64, StandardCharsets.US_ASCII));
            if (presented == null) {
                throw malformed("a chunk signature is not 64 hex digits");
            }
        } else if (semicolon >= 0) {
            throw malformed("an unsigned chunk carries an extension");
        }
        if (size > MAX_CHUNK_SIZE) {
            throw malformed("a chunk is larger than " + MAX_CHUNK_SIZE + " bytes");
        }
        if (++chunks > maxChunks) {
            throw malformed("the body has more than " + maxChunks + " chunks");
        }
        if (sum + size > decodedLength) {
            throw decodedLengthMismatch();
        }
        sum += size;
        if (size > 0) {
            remaining = size;
            state = State.DATA;
            return;
        }
        if (sum != decodedLength) {
            throw decodedLengthMismatch();
        }
        if (chain != null) {
            verifyChunk(EMPTY_SHA256);
        }
        state = mode.hasTrailer() ? State.TRAILER : State.END;
    }

    private void verifyChunk(byte[] dataSha256) throws AuthenticationException {
        byte[] expected = chain.chunkSignature(previous, dataSha256);
        if (!ChunkSigning.matches(expected, presented)) {
            throw new AuthenticationException(AuthError.chunkSignatureMismatch("chunk " + chunks));
        }
        previous = expected;
    }

    private void trailerLine(int length) throws AuthenticationException {
        trailerBytes += length + 2;
        if (length == 0) {
            finish();
            return;
        }
        String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw malformed("a trailer line is not name:value");
        }
        String name = text.substring(0, colon);
        String value = text.substring(colon + 1).strip();
        if (name.equalsIgnoreCase(TRAILER_SIGNATURE)) {
            if (chain == null || trailerSignature != null) {
                throw malformed("an unexpected trailer signature");
            }
            trailerSignature = Sha256Workspace.parseHex32(value);
            if (trailerSignature == null) {
                throw malformed("the trailer signature is not 64 hex digits");
            }
            return;
        }
        if (trailerSignature != null || trailerValue != null || !name.equalsIgnoreCase(trailerAlgorithm.headerName())) {
            throw malformed("the trailer holds " + name + " where " + trailerAlgorithm.headerName()
                    + " was declared, once, before the signature");
        }
        trailerValue = value;
        // The trailer signature covers each line as name:value and a bare LF.
        for (int i = 0; i < length; i++) {
            trailerLines.put(line[i]);
        }
        trailerLines.put((byte) '\n');
    }

    private void finish() throws AuthenticationException {
        if (mode.hasTrailer()) {
            if (trailerValue == null) {
                throw new AuthenticationException(AuthError.invalidChecksum(
                        "the trailer lacks the declared " + trailerAlgorithm.headerName()));
            }
            if (chain != null) {
                if (trailerSignature == null) {
                    throw malformed("the trailer has no x-amz-trailer-signature");
                }
                byte[] expected = chain.trailerSignature(previous, Sha256Workspace.get().sha256(trailerLines));
                if (!ChunkSigning.matches(expected, trailerSignature)) {
                    throw new AuthenticationException(AuthError.chunkSignatureMismatch("trailer"));
                }
            }
            trailerChecksum.check(RunningChecksum.expected(trailerAlgorithm, trailerValue));
        }
        if (headerChecksum != null) {
            headerChecksum.check(headerExpected);
        }
        state = State.DONE;
    }

    private AuthenticationException decodedLengthMismatch() {
        return new AuthenticationException(AuthError.lengthMismatch(
                "The chunk sizes do not add up to x-amz-decoded-content-length."));
    }

    private static AuthenticationException malformed(String detail) {
        return new AuthenticationException(AuthError.malformedChunk(detail));
    }
}
