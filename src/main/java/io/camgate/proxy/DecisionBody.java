package io.camgate.proxy;

import io.camgate.proxy.ProxyHandler.State;
import io.camgate.proxy.upstream.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * The bounded body a decision needs, a part of {@link ProxyHandler}: a multi-delete list read
 * whole ({@link Verdict.ReadBody}), or the start of a POST Object form read until its fields
 * are in ({@link Verdict.ReadForm}). {@code 100 Continue} is sent before such a body, since the
 * decision cannot be made without it. What was decided on is kept for the upstream exchange,
 * which forwards exactly those bytes first.
 */
final class DecisionBody {
    /**
     * A client sending its fields a few bytes per packet would otherwise have them re-read from
     * the start on every packet; asking again only after this many new bytes bounds that work.
     */
    private static final int FORM_STEP = 4096;

    private final ProxyHandler conn;
    private Verdict.BodyGate bodyGate;
    private CompositeByteBuf buffered;
    private int bufferLimit;
    private Verdict.FormGate formGate;
    /** How many buffered bytes the form gate last saw: it is asked again only after {@link #FORM_STEP} more. */
    private int formAsked;
    /** The body bytes the decision was made on, to be forwarded first; null when there are none. */
    private byte[] decided;
    /** Whether {@link #decided} ends the request body (a form's fields are followed by its file). */
    private boolean decidedLast;
    /** Checks each piece of a form's body streamed after its decided start; null otherwise. */
    private Verdict.BodyTail tail;

    DecisionBody(ProxyHandler conn) {
        this.conn = conn;
    }

    void reset() {
        decided = null;
        formGate = null;
        tail = null;
    }

    /** Takes the decided bytes (null when none); the upstream exchange sends them first. */
    byte[] takeDecided() {
        byte[] body = decided;
        decided = null;
        return body;
    }

    boolean decidedLast() {
        return decidedLast;
    }

    /** Takes the check on the rest of a form's body (null when none). */
    Verdict.BodyTail takeTail() {
        Verdict.BodyTail t = tail;
        tail = null;
        return t;
    }

    /** Reads the whole body, at most {@code read.maxBytes()}, then asks the gate. */
    void read(Verdict.ReadBody read) {
        long declared = HttpUtil.getContentLength(conn.head, -1L);
        if (declared > read.maxBytes()) {
            conn.refusal.respond(conn.refusal.tooLarge());
            return;
        }
        bodyGate = read.then();
        begin(read.maxBytes());
        if (!conn.bodyFollows()) {
            finish();
        }
    }

    /** Like {@link #read}, but the gate decides on the form's fields and the file streams. */
    void readForm(Verdict.ReadForm form) {
        formGate = form.then();
        formAsked = -FORM_STEP;
        begin(form.maxBytes());
        if (!conn.bodyFollows()) {
            askFormGate(true);
        }
    }

    /** Starts reading up to {@code maxBytes} of body before the gate decides, asking for it if the client waits. */
    private void begin(int maxBytes) {
        conn.state = State.BUFFERING;
        bufferLimit = maxBytes;
        buffered = conn.ctx.alloc().compositeBuffer();
        if (conn.continueExpected) {
            conn.continueExpected = false;
            conn.ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        conn.deadlines.body();
    }

    /** One piece of the body read while buffering. */
    void add(Object msg) {
        if (!(msg instanceof HttpContent content)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (formGate != null) {
            boolean last = content instanceof LastHttpContent;
            buffered.addComponent(true, content.content().retain());
            content.release();
            if (last) {
                conn.requestSent = true;
            }
            if (last || buffered.readableBytes() - formAsked >= FORM_STEP || buffered.readableBytes() >= bufferLimit) {
                askFormGate(last);
            }
            return;
        }
        if (buffered.readableBytes() + content.content().readableBytes() > bufferLimit) {
            content.release();
            drop();
            conn.refusal.respond(conn.refusal.tooLarge());
            return;
        }
        buffered.addComponent(true, content.content().retain());
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (last) {
            conn.requestSent = true;
            finish();
        }
    }

    /** Asks the form gate about the bytes read so far; acts on its verdict once it has one. */
    private void askFormGate(boolean complete) {
        formAsked = buffered.readableBytes();
        byte[] prefix = new byte[buffered.readableBytes()];
        buffered.getBytes(buffered.readerIndex(), prefix);
        Verdict verdict;
        try {
            verdict = formGate.admit(prefix, complete);
        } catch (RuntimeException e) {
            verdict = conn.refusal.internalError();
        }
        if (verdict == null && !complete) {
            return;
        }
        conn.deadlines.cancel();
        formGate = null;
        if (verdict instanceof Verdict.AllowForm form && form.replaced() <= prefix.length) {
            ByteBuf rest = buffered.slice(buffered.readerIndex() + form.replaced(), prefix.length - form.replaced());
            if (!form.tail().accept(rest, complete)) {
                drop();
                conn.refusal.malformedForm();
                return;
            }
            byte[] first = new byte[form.fields().length + rest.readableBytes()];
            System.arraycopy(form.fields(), 0, first, 0, form.fields().length);
            rest.getBytes(rest.readerIndex(), first, form.fields().length, rest.readableBytes());
            drop();
            decided = first;
            decidedLast = complete;
            tail = form.tail();
            conn.upstream.connect(form.allow());
        } else {
            drop();
            conn.refusal.respond(verdict instanceof Verdict.Deny deny ? deny : conn.refusal.internalError());
        }
    }

    private void finish() {
        conn.deadlines.cancel();
        byte[] body = new byte[buffered.readableBytes()];
        buffered.readBytes(body);
        drop();
        Verdict.BodyGate then = bodyGate;
        bodyGate = null;
        Verdict verdict;
        try {
            verdict = then.admit(body);
        } catch (RuntimeException e) {
            verdict = conn.refusal.internalError();
        }
        if (verdict instanceof Verdict.Allow allow) {
            decided = body;
            decidedLast = true;
            conn.upstream.connect(allow);
        } else if (verdict instanceof Verdict.Deny deny) {
            conn.refusal.respond(deny);
        } else {
            conn.refusal.respond(conn.refusal.internalError());
        }
    }

    /** Releases what was buffered, if anything. */
    void drop() {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }
}
