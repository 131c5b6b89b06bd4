package io.camgate.loadtest;

import io.camgate.authz.Decision;
import io.camgate.authz.PolicyEngine;
import io.camgate.authz.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Drives a workload through an in-process engine on several threads, as fast as they go.
 * Positions of the {@link RequestSequence} are handed out in blocks, so the requests decided
 * are always positions 0 to n-1 of the seed's sequence, however many threads share them. Each
 * thread times every decision into its own histogram and counts into its own arrays; they
 * are merged once at the end, so the threads share nothing but the position counter.
 */
public final class EngineLoad {
    private static final int BLOCK = 1024;

    private final PolicyEngine engine;
    private final Workload workload;
    private final RequestSequence sequence;
    private final int threads;
    private final RunBound bound;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private volatile long startedAt;
    /** Set by {@link #run}, for {@link #reportData}. */
    private Histogram merged;
    private long[] perSecond = new long[0];
    private long[][] byCaller;

    /**
     * @param engine   decides
     * @param workload the distinct requests
     * @param seed     picks the sequence
     * @param threads  how many threads decide, at least 1
     * @param bound    how long the run goes on
     */
    public EngineLoad(PolicyEngine engine, Workload workload, long seed, int threads, RunBound bound) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.engine = engine;
        this.workload = workload;
        this.sequence = new RequestSequence(seed, workload.size());
        this.threads = threads;
        this.bound = bound;
    }

    /** How far the run has got, from 0 to 1, for a progress display. */
    public double progress() {
        long start = startedAt;
        if (start == 0) {
            return 0;
        }
        if (bound.byRequests()) {
            return Math.min(1, done.get() / (double) bound.requests());
        }
        return Math.min(1, (System.nanoTime() - start) / (double) bound.duration().toNanos());
    }

    /** How many requests have been decided so far. */
    public long completed() {
        return done.get();
    }

    /** Runs to the bound and reports. */
    public EngineReport run() throws InterruptedException {
        List<Worker> workers = new ArrayList<>();
        long start = System.nanoTime();
        startedAt = start;
        long deadline = bound.byRequests() ? Long.MAX_VALUE : start + bound.duration().toNanos();
        for (int t = 0; t < threads; t++) {
            Worker w = new Worker(deadline);
            workers.add(w);
            w.thread.start();
        }
        for (Worker w : workers) {
            w.thread.join();
        }
        long elapsed = System.nanoTime() - start;
        Histogram latencies = Latencies.histogram();
        long[][] callerTimes = new long[3][workload.callers().length];
        long[] seconds = new long[0];
        long[][] byAction = new long[workload.actions().length][Reason.values().length];
        boolean[] seen = new boolean[workload.callers().length];
        for (Worker w : workers) {
            if (w.failure != null) {
                throw new IllegalStateException("a decision failed: " + w.failure, w.failure);
            }
            latencies.add(w.histogram);
            for (int a = 0; a < byAction.length; a++) {
                for (int r = 0; r < byAction[a].length; r++) {
                    byAction[a][r] += w.counts[a][r];
                }
            }
            for (int c = 0; c < seen.length; c++) {
                seen[c] |= w.seen[c];
                callerTimes[0][c] += w.callerCount[c];
                callerTimes[1][c] += w.callerNanos[c];
                callerTimes[2][c] = Math.max(callerTimes[2][c], w.callerMax[c]);
            }
            if (w.perSecond.length > seconds.length) {
                seconds = Arrays.copyOf(seconds, w.perSecond.length);
            }
            for (int sec = 0; sec < w.perSecond.length; sec++) {
                seconds[sec] += w.perSecond[sec];
            }
        }
        merged = latencies;
        // worker arrays grow ahead; the run's seconds end with its elapsed time (the last one partial)
        perSecond = Arrays.copyOf(seconds, (int) Math.min(seconds.length, elapsed / 1_000_000_000L + 1));
        byCaller = callerTimes;
        int exercised = 0;
        for (boolean s : seen) {
            exercised += s ? 1 : 0;
        }
        return new EngineReport(threads, workload.size(), workload.actions(), byAction, exercised,
                workload.callers().length, elapsed, Latencies.of(latencies));
    }

    /**
     * What the last {@link #run} measured, for {@link ReportFiles}: decision latency, decisions
     * ended per second, by decision and reason, and the callers whose decisions took longest on
     * average.
     */
    public ReportData reportData(EngineReport report, List<String> facts) {
        Map<String, Long> decisions = new LinkedHashMap<>();
        decisions.put("allow", report.count(Reason.ROOT) + report.count(Reason.ALLOWED));
        decisions.put("deny", report.count(Reason.EXPLICIT_DENY) + report.count(Reason.IMPLICIT_DENY));
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (Reason r : Reason.values()) {
            reasons.put(r.label(), report.count(r));
        }
        List<CallerLatency> callers = new ArrayList<>();
        for (int c = 0; c < byCaller[0].length; c++) {
            if (byCaller[0][c] > 0) {
                callers.add(new CallerLatency(workload.callers()[c], byCaller[0][c],
                        byCaller[1][c] / (double) byCaller[0][c], byCaller[2][c]));
            }
        }
        callers.sort(Comparator.comparingDouble(CallerLatency::meanNanos).reversed());
        return new ReportData("camgate loadtest engine", facts, "µs", 1000, Map.of("decision", merged), perSecond,
                report.elapsedNanos() / 1e9,
                decisions, reasons, List.copyOf(callers.subList(0, Math.min(ReportData.SLOWEST, callers.size()))));
    }

    /** One deciding thread with its own tallies. */
    private final class Worker implements Runnable {
        final Thread thread = new Thread(this, "loadtest-engine");
        final Histogram histogram = Latencies.histogram();
        final long[][] counts = new long[workload.actions().length][Reason.values().length];
        final boolean[] seen = new boolean[workload.callers().length];
        final long[] callerCount = new long[workload.callers().length];
        final long[] callerNanos = new long[workload.callers().length];
        final long[] callerMax = new long[workload.callers().length];
        long[] perSecond = new long[16];
        final long deadline;
        volatile Throwable failure;

        Worker(long deadline) {
            this.deadline = deadline;
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    long from = next.getAndAdd(BLOCK);
                    long to = from + BLOCK;
                    if (bound.byRequests()) {
                        if (from >= bound.requests()) {
                            return;
                        }
                        to = Math.min(to, bound.requests());
                    } else if (System.nanoTime() >= deadline) {
                        return;
                    }
                    for (long pos = from; pos < to; pos++) {
                        decide(sequence.at(pos));
                    }
                    done.addAndGet(to - from);
                    int second = (int) ((System.nanoTime() - startedAt) / 1_000_000_000L);
                    if (second >= perSecond.length) {
                        perSecond = Arrays.copyOf(perSecond, Math.max(second + 1, perSecond.length * 2));
                    }
                    perSecond[second] += to - from;
                }
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        private void decide(int i) {
            Probe p = workload.probe(i);
            long t0 = System.nanoTime();
            Decision d = engine.decide(p.principal(), p.need(), p.context());
            long took = System.nanoTime() - t0;
            histogram.recordValue(took);
            counts[workload.actionOf(i)][d.reason().ordinal()]++;
            int caller = workload.callerOf(i);
            seen[caller] = true;
            callerCount[caller]++;
            callerNanos[caller] += took;
            callerMax[caller] = Math.max(callerMax[caller], took);
        }
    }
}
