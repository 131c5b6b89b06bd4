package io.camgate.proxy;

import io.camgate.proxy.upstream.Verdict;
import io.camgate.sign.AuthenticationException;
import io.camgate.sign.BodyCheck;
import io.camgate.sign.BodySink;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body that must pass its {@link BodyCheck} on the way upstream (a SigV4 body hash,
 * aws-chunked signatures, a checksum), a part of {@link UpstreamExchange}. A rebuilt route gets
 * what the check releases (the decoded data, its final byte only once every check passed); a
 * {@code passthrough} route gets the body as received, its last piece only after the check
 * passed. When nothing of the body can be held back (an empty decoded body) the upstream head
 * itself waits, with the few raw bytes such a body may have (its final chunk and trailer), since
 * a store that reads the decoded length could complete the upload on the head alone. A failure cuts the upstream connection while it still lacks the end of the body
 * and answers the client with the S3 error ({@link Refusal#brokenBody}). Such a body is never
 * spliced ({@link SpliceControl#requestPossible}).
 */
final class CheckedBody {
    private final ProxyHandler conn;
    private final UpstreamExchange up;
    private final BodySink decoded = this::sendDecoded;
    private BodyCheck check;
    /** Whether the body goes on as received rather than as the check releases it. */
    private boolean raw;
    /** Whether the upstream head waits for the end of the check. */
    private boolean headHeld;
    /** Raw pieces that wait with a held head. */
    private final List<HttpContent> waiting = new ArrayList<>(2);

    CheckedBody(ProxyHandler conn, UpstreamExchange up) {
        this.conn = conn;
        this.up = up;
    }

    /** Takes the check of an allowed request (none: the body is relayed as framed). */
    void start(Verdict.Allow allow) {
        discard();
        check = allow.bodyCheck();
        raw = allow.rawBody();
    }

    /** Whether a check runs on the current body. */
    boolean active() {
        return check != null;
    }

    /** Whether the upstream head must wait until the body passed, since no byte of it can be held back. */
    boolean holdsHead() {
        headHeld = check != null && check.holdsRequestHead();
        return headHeld;
    }

    /** Relays one piece of the body through the check; the piece is released here. */
    void send(HttpContent content, boolean last) {
        int n = content.content().readableBytes();
        conn.exchange.sent(n);
        if (conn.requestLeft > 0) {
            conn.requestLeft -= n;
        }
        try {
            check.accept(content.content(), last, raw ? ByteBuf::release : decoded);
        } catch (AuthenticationException e) {
            discard();
            conn.refusal.brokenBody(content, e.error());
            return;
        }
        if (raw) {
            up.relayed += n;
            if (!last) {
                if (headHeld) {
                    waiting.add(content);
                } else {
                    up.channel.write(content);
                }
                return;
            }
        } else {
            content.release();
            if (!last) {
                return;
            }
        }
        if (headHeld) {
            headHeld = false;
            up.channel.write(up.allowed.upstreamHead());
            for (HttpContent w : waiting) {
                up.channel.write(w);
            }
            waiting.clear();
        }
        check = null;
        up.sentLast(raw ? UpstreamExchange.withoutTrailers((LastHttpContent) content)
                : LastHttpContent.EMPTY_LAST_CONTENT);
    }

    /** Frees what the check holds of a body that will not be completed. */
    void discard() {
        if (check != null) {
            check.discard();
            check = null;
        }
        headHeld = false;
        for (HttpContent w : waiting) {
            w.release();
        }
        waiting.clear();
    }

    private void sendDecoded(ByteBuf data) {
        up.relayed += data.readableBytes();
        up.channel.write(new DefaultHttpContent(data));
    }
}
