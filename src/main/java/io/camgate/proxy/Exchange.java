package io.camgate.proxy;

import io.camgate.gate.DecisionRecord;
import io.camgate.limits.Allowance;
import io.camgate.metrics.RequestOutcome;

/**
 * What the gateway learns about one request while it serves it: who asked for what, how it
 * was answered, how many body bytes passed and how long it took. A connection serves one
 * request at a time, so it keeps one of these and starts it afresh for each request; nothing
 * is allocated per request. Read by {@link RequestObserver}s on the connection's event loop.
 */
public final class Exchange implements DecisionRecord {
    private String requestId;
    private String method;
    private String uri;
    private long startedNanos;
    private long startedMillis;
    private String clientIp;
    private String host;
    private String bucket;
    private String route;
    private int upstreamStatus;
    private String upstreamRequestId;
    private String action;
    private String principal;
    private long generation;
    private String revision;
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
        this.startedMillis = System.currentTimeMillis();
        this.clientIp = null;
        this.host = null;
        this.bucket = null;
        this.route = null;
        this.upstreamStatus = 0;
        this.upstreamRequestId = null;
        this.action = null;
        this.principal = null;
        this.generation = 0;
        this.revision = null;
        this.outcome = RequestOutcome.ERROR;
        this.allowance = Allowance.UNLIMITED;
        this.status = 0;
        this.bytesIn = 0;
        this.bytesOut = 0;
        this.upstreamStartedNanos = 0;
        this.upstreamNanos = -1;
        this.open = true;
    }

    /** The client's address and the Host it named (null without one). */
    void arrived(String clientIp, String host) {
        this.clientIp = clientIp;
        this.host = host;
    }

    /** The bucket the classified request addresses (null for a service request). */
    void addressed(String bucket) {
        this.bucket = bucket;
    }

    /** The route that takes the request. */
    void routed(String route) {
        this.route = route;
    }

    /** The store answered with {@code status} and its own request id (null when it sent none). */
    void upstreamAnswered(int status, String requestId) {
        this.upstreamStatus = status;
        this.upstreamRequestId = requestId;
    }

    @Override
    public void identify(String action, String principal) {
        this.action = action;
        this.principal = principal;
    }

    @Override
    public void decidedBy(long snapshotGeneration, String snapshotRevision) {
        this.generation = snapshotGeneration;
        this.revision = snapshotRevision;
    }

    /** How the request counts, as its answer says ({@link ProxyHandler#settle}, the ingress listener). */
    void outcome(RequestOutcome outcome) {
        this.outcome = outcome;
    }

    @Override
    public void allowance(Allowance allowance) {
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
    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public String revision() {
        return revision;
    }

    /** When the head arrived, milliseconds since the epoch. */
    public long startedMillis() {
        return startedMillis;
    }

    /** The client's address. */
    public String clientIp() {
        return clientIp;
    }

    /** The Host the request named, or null. */
    public String host() {
        return host;
    }

    /** The bucket the request addressed, or null (a service request, or refused before it was known). */
    public String bucket() {
        return bucket;
    }

    /** The route that took the request, or null. */
    public String route() {
        return route;
    }

    /** The store's status, or 0 when no response came from the store. */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** The store's own request id ({@code x-cos-request-id} of its response), or null. */
    public String upstreamRequestId() {
        return upstreamRequestId;
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
