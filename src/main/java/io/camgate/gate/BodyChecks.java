package io.camgate.gate;

import io.camgate.cos.CosRequest;
import io.camgate.sign.AuthenticationException;
import io.camgate.sign.AwsChunkedBody;
import io.camgate.sign.AwsVerification;
import io.camgate.sign.BodyCheck;
import io.camgate.sign.PayloadMode;
import io.camgate.sign.PlainBodyCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Which check a request's body must pass, from what its verified head promised: an aws-chunked
 * body its chunk signatures, trailer and decoded length ({@link AwsChunkedBody}); another body
 * signed by SigV4 its SHA-256 and checksum header; any other body its {@code x-amz-checksum-*}
 * header ({@link PlainBodyCheck}). A request without a body is checked at once, so that no
 * head goes upstream whose empty body broke a promise.
 */
final class BodyChecks {
    private BodyChecks() {
    }

    /**
     * The check {@code request}'s body still needs, or null when there is none.
     *
     * @param aws    the verified SigV4 signature, or null for another scheme
     * @param length the body's length (0 without a body), or -1 when chunked
     * @throws AuthenticationException when a promise cannot be used, or an empty body breaks it
     */
    static BodyCheck of(AwsVerification aws, CosRequest request, long length) throws AuthenticationException {
        BodyCheck check;
        if (aws == null || aws.payloadMode() == PayloadMode.UNSIGNED) {
            check = PlainBodyCheck.ofChecksum(request, length);
        } else if (aws.payloadMode().isStreaming()) {
            check = AwsChunkedBody.of(aws, request);
        } else {
            check = PlainBodyCheck.of(aws, request, length);
        }
        if (check != null && length == 0) {
            whole(check, Unpooled.EMPTY_BUFFER);
            return null;
        }
        return check;
    }

    /** Runs {@code check} (when there is one) over a body read whole before the decision. */
    static void whole(BodyCheck check, byte[] body) throws AuthenticationException {
        if (check != null) {
            whole(check, Unpooled.wrappedBuffer(body));
        }
    }

    private static void whole(BodyCheck check, ByteBuf body) throws AuthenticationException {
        try {
            check.accept(body, true, ByteBuf::release);
        } finally {
            check.discard();
        }
    }
}
