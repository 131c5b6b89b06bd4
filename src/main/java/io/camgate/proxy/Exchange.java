package io.camgate.proxy;

import io.camgate.limits.Allowance;
import io.camgate.metrics.RequestOutcome;

/**
 * What the gateway learns about one request while it serves it: who asked for what, how it
 * was answered, how many body bytes passed and how long it took. A connection serves one
 * request at a time, so it keeps one of these and starts it afresh for each request; nothing
 * is allocated per request. Read by {@link RequestObserver}s on the connection's event loop.
 */
public final class Exchange {
    private String requestId;
    private String method;
    private String uri;
    private long startedNanos;
    private String action;
    private String principal;
    private long generation;
    private RequestOutcome outcome = RequestOutcome.ERROR;
    private Allowance allowance = Allowance.UNLIMITED;
    private int status;
    private long bytesIn;
    private long bytesOut;
    private long upstreamStartedNanos;
    private long upstreamNanos;
    private boolean open;

    /** Starts a request; everything learnt about the previous one is forgotten. */
    void begin(String requestId, String method, String uri, long nowNanos) {
        this.requestId = requestId;
        this.method = method;
        this.uri = uri;
        this.startedNanos = nowNanos;
        this.action = null;
        this.principal = null;
        this.generation = 0;
        this.outcome = RequestOutcome.ERROR;
        this.allowance = Allowance.UNLIMITED;
        this.status = 0;
        this.bytesIn = 0;
        this.bytesOut = 0;
        this.upstreamStartedNanos = 0;
        this.upstreamNanos = -1;
        this.open = true;
    }

    void identify(String action, String principal) {
        this.action = action;
        this.principal = principal;
    }

    /** The snapshot that decides the request. */
    void decidedBy(long snapshotGeneration) {
        this.generation = snapshotGeneration;
    }

    void outcome(RequestOutcome outcome) {
        this.outcome = outcome;
    }

    void allowance(Allowance allowance) {
        this.allowance = allowance;
    }

    void status(int status) {
        this.status = status;
    }

    /** Body bytes passed from the client to the upstream, charged to the caller's bandwidth. */
    void sent(long n) {
        bytesIn += n;
        allowance.charge(n);
    }

    /** Body bytes passed from the upstream to the client, charged to the caller's bandwidth. */
    void received(long n) {
        bytesOut += n;
        allowance.charge(n);
    }

    void upstreamStarted(long nowNanos) {
        upstreamStartedNanos = nowNanos;
    }

    void upstreamFinished(long nowNanos) {
        upstreamNanos = nowNanos - upstreamStartedNanos;
    }

    /** Ends the request; true only the first time, so that it is recorded once. */
    boolean finish() {
        boolean was = open;
        open = false;
        return was;
    }

    /** The request id sent back in {@code x-cos-request-id}. */
    public String requestId() {
        return requestId;
    }

    /** The generation of the snapshot that decided the request, 0 before a decision. */
    public long generation() {
        return generation;
    }

    /** The HTTP method. */
    public String method() {
        return method;
    }

    /** The request target as sent (may hold a signature: redact before logging). */
    public String uri() {
        return uri;
    }

    /** {@link System#nanoTime()} when the head arrived. */
    public long startedNanos() {
        return startedNanos;
    }

    /** The CAM action the request needed (its first), or null when refused before it was known. */
    public String action() {
        return action;
    }

    /** The caller's uin or {@code anonymous}, or null when refused before authentication. */
    public String principal() {
        return principal;
    }

    /** How it was answered. */
    public RequestOutcome outcome() {
        return outcome;
    }

    /** The status sent to the client (0 when the connection ended before one was). */
    public int status() {
        return status;
    }

    /** Body bytes sent upstream. */
    public long bytesIn() {
        return bytesIn;
    }

    /** Body bytes sent to the client. */
    public long bytesOut() {
        return bytesOut;
    }

    /** How long the upstream took to answer completely, or -1 when the request was not forwarded or not answered. */
    public long upstreamNanos() {
        return upstreamNanos;
    }
}
