package io.camgate.loadtest;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop, constant-rate driver: request i is due at {@code start + i / rate} and is
 * submitted then, whether or not earlier ones have come back, so a slow gateway cannot slow
 * the load down and hide its own slowness. Response time is measured from the due time (which
 * corrects for coordinated omission); service time from when the request left the queue. Each
 * answer is checked against the prediction: allowed means anything but a 403 (the upstream's
 * answer), denied means a 403 carrying {@link HttpCall#DENIED_CODE} (a HEAD answer has no body
 * to carry it).
 */
public final class HttpLoad implements GatewayClient.Listener {
    private final List<HttpCall> calls;
    private final RequestSequence sequence;
    private final double rate;
    private final long total;
    private final Histogram response = new ConcurrentHistogram(Latencies.DIGITS);
    private final Histogram service = new ConcurrentHistogram(Latencies.DIGITS);
    private final AtomicLong matchedAllowed = new AtomicLong();
    private final AtomicLong matchedDenied = new AtomicLong();
    private final AtomicLong upstreamErrors = new AtomicLong();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final Map<String, HttpMismatch> mismatches = new ConcurrentHashMap<>();
    /** The objects PUTs wrote (answered 2xx), by host and target, for the cleanup after the run. */
    private final Map<String, HttpCall> written = new ConcurrentHashMap<>();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastDone = new AtomicLong();
    private final CountDownLatch finished;
    private volatile long startedAt;
    /** For the report: requests ended per second of the run, and tallies by prediction and caller. */
    private final Map<Long, LongAdder> perSecond = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byDecision = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();
    private final Map<String, CallerTally> byCaller = new ConcurrentHashMap<>();

    /** One caller's response times. */
    private record CallerTally(LongAdder count, LongAdder nanos, LongAccumulator max) {
        CallerTally() {
            this(new LongAdder(), new LongAdder(), new LongAccumulator(Math::max, 0));
        }
    }

    /**
     * @param calls    the distinct requests
     * @param seed     picks the sequence
     * @param rate     requests per second
     * @param duration how long to keep the rate
     */
    public HttpLoad(List<HttpCall> calls, long seed, double rate, Duration duration) {
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("no request of the mix can be sent over HTTP");
        }
        if (!(rate > 0) || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("rate and duration must be positive");
        }
        this.calls = calls;
        this.sequence = new RequestSequence(seed, calls.size());
        this.rate = rate;
        this.total = Math.max(1, (long) Math.floor(rate * duration.toNanos() / 1e9));
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rate times duration is more than " + Integer.MAX_VALUE + " requests");
        }
        this.finished = new CountDownLatch((int) total);
        response.setAutoResize(true);
        service.setAutoResize(true);
    }

    /** How far the schedule has got, 0 to 1. */
    public double progress() {
        return done.get() / (double) total;
    }

    /** One PUT for each object the run wrote (whatever the prediction said), once {@link #run} has returned. */
    public List<HttpCall> written() {
        return List.copyOf(written.values());
    }

    /** How many requests have ended, answered or failed. */
    public long completed() {
        return done.get();
    }

    /**
     * Runs the schedule against {@code gateway} and waits for the last answers.
     *
     * @param connections at most this many connections
     * @param timeout     how long one request may take once sent
     * @param tls         the client TLS context for an HTTPS gateway, or null for plain HTTP
     */
    public HttpReport run(InetSocketAddress gateway, int connections, Duration timeout, SslContext tls)
            throws InterruptedException {
        int maxQueued = (int) Math.min(1_000_000, Math.max(1000, rate * timeout.toSeconds()));
        try (GatewayClient client = new GatewayClient(gateway, connections, maxQueued, timeout, this, tls)) {
            long interval = Math.max(1, Math.round(1e9 / rate));
            long start = System.nanoTime();
            startedAt = start;
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                client.submit(new GatewayClient.Submitted(calls.get(sequence.at(i)), due));
            }
            long scheduleEnd = System.nanoTime();
            boolean all = finished.await(timeout.toNanos() + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS);
            long unanswered = all ? 0 : finished.getCount();
            long end = Math.max(lastDone.get(), scheduleEnd);
            return new HttpReport(total, done.get(), unanswered, (end - start) / 1e9, Latencies.of(response),
                    Latencies.of(service), matchedAllowed.get(), matchedDenied.get(), upstreamErrors.get(),
                    counts(failures), List.copyOf(mismatches.values()));
        }
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> in) {
        Map<String, Long> out = new TreeMap<>();
        in.forEach((k, v) -> out.put(k, v.get()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * What the last {@link #run} measured, for {@link ReportFiles}: response and service
     * times, requests ended per second, the predicted decisions and reasons, and the callers
     * whose requests took longest on average.
     */
    public ReportData reportData(HttpReport report, List<String> facts) {
        long seconds = perSecond.keySet().stream().mapToLong(Long::longValue).max().orElse(-1) + 1;
        long[] timeline = new long[(int) seconds];
        perSecond.forEach((sec, n) -> timeline[sec.intValue()] = n.sum());
        List<CallerLatency> callers = new ArrayList<>();
        byCaller.forEach((who, t) -> callers.add(new CallerLatency(who, t.count().sum(),
                t.nanos().sum() / (double) t.count().sum(), t.max().get())));
        callers.sort(Comparator.comparingDouble(CallerLatency::meanNanos).reversed());
        Map<String, Histogram> latencies = new LinkedHashMap<>();
        latencies.put("response", response);
        latencies.put("service", service);
        return new ReportData("camgate loadtest http", facts, "ms", 1e6, latencies, timeline, report.seconds(),
                sums(byDecision),
                sums(byReason), List.copyOf(callers.subList(0, Math.min(ReportData.SLOWEST, callers.size()))));
    }

    private static Map<String, Long> sums(Map<String, LongAdder> in) {
        Map<String, Long> out = new TreeMap<>();
        in.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Counts one ended request for the report. */
    private void tally(HttpCall call, long took, long doneAt) {
        perSecond.computeIfAbsent(Math.max(0, doneAt - startedAt) / 1_000_000_000L, k -> new LongAdder()).increment();
        byDecision.computeIfAbsent(call.allowed() ? "allow" : "deny", k -> new LongAdder()).increment();
        byReason.computeIfAbsent(call.reason(), k -> new LongAdder()).increment();
        CallerTally t = byCaller.computeIfAbsent(call.caller(), k -> new CallerTally());
        t.count().increment();
        t.nanos().add(took);
        t.max().accumulate(took);
    }

    @Override
    public void answered(GatewayClient.Submitted s, int status, String body, long sentAt, long doneAt) {
        response.recordValue(Math.max(0, doneAt - s.intended()));
        tally(s.call(), Math.max(0, doneAt - s.intended()), doneAt);
        service.recordValue(Math.max(0, doneAt - sentAt));
        HttpCall call = s.call();
        if (call.method().equals("PUT") && status / 100 == 2) {
            written.putIfAbsent(call.host() + call.target(), call);
        }
        String code = errorCode(body);
        if (call.allowed()) {
            if (status == 403) {
                mismatch(s, status, code);
            } else if (status >= 500) {
                upstreamErrors.incrementAndGet();
            } else {
                matchedAllowed.incrementAndGet();
            }
        } else if (status == 403 && (HttpCall.DENIED_CODE.equals(code)
                || (call.method().equals("HEAD") && body.isEmpty()))) {
            matchedDenied.incrementAndGet();
        } else {
            mismatch(s, status, code);
        }
        end(doneAt);
    }

    @Override
    public void failed(GatewayClient.Submitted s, String why, long doneAt) {
        response.recordValue(Math.max(0, doneAt - s.intended()));
        tally(s.call(), Math.max(0, doneAt - s.intended()), doneAt);
        failures.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
        end(doneAt);
    }

    private void mismatch(GatewayClient.Submitted s, int status, String code) {
        HttpCall call = s.call();
        String key = call.line() + " " + call.caller() + " " + status + " " + code;
        mismatches.computeIfAbsent(key, k -> new HttpMismatch(call, status, code, new AtomicLong())).count().incrementAndGet();
    }

    private void end(long doneAt) {
        done.incrementAndGet();
        lastDone.accumulateAndGet(doneAt, Math::max);
        finished.countDown();
    }

    /** The {@code <Code>} of a COS/S3 error body, or "" when there is none. */
    static String errorCode(String body) {
        int start = body.indexOf("<Code>");
        int end = body.indexOf("</Code>", start + 1);
        return start < 0 || end < 0 ? "" : body.substring(start + "<Code>".length(), end);
    }
}
