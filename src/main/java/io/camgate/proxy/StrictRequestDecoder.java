package io.camgate.proxy;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * The first handler of a client connection: HTTP/1.1 request framing with no leniency, so
 * that the gateway and the upstream can never disagree on where one request ends.
 *
 * <pre>
 * client ─▶ [StrictRequestDecoder] ─▶ [FramingGuard] ─▶ classify / authenticate / authorize ─▶ forward
 * </pre>
 *
 * <p>Netty by default drops Content-Length when Transfer-Encoding is also present (nginx's
 * behaviour); a security gateway rejects such a request instead (request smuggling). Bare LF
 * line ends, duplicate or conflicting Content-Length, malformed chunks and oversize lines
 * and headers are rejected by the configuration. A rejected request surfaces as a message
 * whose {@code decoderResult()} failed; {@link FramingGuard} answers it.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
    /** Thrown (and carried in the decoder result) for Content-Length together with Transfer-Encoding. */
    public static final class ConflictingFramingException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ConflictingFramingException() {
            super("Content-Length and Transfer-Encoding given together");
        }
    }

    /**
     * @param maxInitialLineLength longest request line accepted
     * @param maxHeaderSize        largest header block accepted
     */
    public StrictRequestDecoder(int maxInitialLineLength, int maxHeaderSize) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(maxInitialLineLength)
                .setMaxHeaderSize(maxHeaderSize)
                .setMaxChunkSize(64 * 1024)
                .setAllowDuplicateContentLengths(false)
                .setAllowPartialChunks(true)
                .setValidateHeaders(true)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true));
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new ConflictingFramingException();
    }
}
