package io.camgate.metrics;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.camgate.authz.index.IndexedEngine;
import io.camgate.authz.index.SnapshotHolder;
import io.camgate.authz.index.Published;
import io.camgate.config.ConfigReloader;
import io.camgate.config.ReloadListener;
import io.camgate.config.ShadowComparator;
import io.camgate.limits.LeaseKeeper;
import io.camgate.limits.Limiter;
import io.camgate.logs.LogWriter;
import io.camgate.sign.AuthError;
import io.camgate.sign.Authenticator;
import io.camgate.store.StoreMirror;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import java.util.function.Supplier;

/**
 * The gateway's meters, in one Prometheus registry. The request path records into it (a few
 * array lookups and an add per request; meters are made once per label combination and kept),
 * the admin listener scrapes it, and components that count for themselves (the reloader, the
 * shadow comparator, the limiter, the caches) are read at scrape time.
 *
 * <p>camgate's own names start with {@code camgate_}; the JVM, process and Netty allocator
 * figures keep their standard names ({@link StandardMeters}). Names carry base units (seconds,
 * bytes). Labels take only bounded values (method, CAM action, outcome, status class, reason):
 * never a user, key or object, nor anything that changes at each start. Actions beyond
 * {@value #MAX_ACTIONS} distinct ones are counted as {@code other}. Failure counters exist at 0
 * from the start.
 */
public final class GatewayMetrics implements AutoCloseable {
    /** How many distinct action labels are kept before the rest count as {@code other}. */
    static final int MAX_ACTIONS = 400;

    private static final String[] METHODS = {"GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "other"};
    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};
    private static final RequestOutcome[] OUTCOMES = RequestOutcome.values();

    /**
     * Bounds for the request and upstream histograms: from half a millisecond (a denial, a
     * cached HEAD) to two minutes (a large object at a slow client's pace).
     */
    static final Duration[] EXCHANGE_BUCKETS = millis(0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500,
            5_000, 10_000, 30_000, 60_000, 120_000);
    /**
     * Bounds for the decision histogram: a decision takes about a microsecond from a compiled
     * index and tens of microseconds at the tail; the rest shows trouble (a cold caller's
     * compilation, a stalled thread).
     */
    static final Duration[] DECISION_BUCKETS = millis(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1, 2.5, 10);

    private final PrometheusMeterRegistry registry;
    private final StandardMeters standard;
    private final Map<String, Row> requests = new ConcurrentHashMap<>();
    private final Timer[] requestDurations = new Timer[OUTCOMES.length];
    private final Timer[] decisionDurations = new Timer[2];
    private final Timer[] upstreamDurations = new Timer[STATUS_CLASSES.length];
    private final Map<String, Counter> signatureFailures = new ConcurrentHashMap<>();
    private final Counter[] upstreamFailures = new Counter[UpstreamFailure.values().length];
    private final Counter framingRejections;
    private final Map<String, Counter[]> upstreamErrors = new ConcurrentHashMap<>();
    private final Set<String> routeGauges = ConcurrentHashMap.newKeySet();
    private volatile ToIntFunction<String> poolsInUse;
    private volatile ToIntFunction<String> poolsOpen;

    /** A registry with the build, JVM, process and Netty allocator meters bound. */
    public GatewayMetrics() {
        this(BuildInfo.current());
    }

    /** A registry that reports {@code build} as {@code camgate_build_info}. */
    GatewayMetrics(BuildInfo build) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        standard = StandardMeters.bindTo(registry);
        Gauge.builder("camgate.build.info", () -> 1).description("The running build: version and git revision")
                .tag("version", build.version()).tag("revision", build.revision()).register(registry);
        for (RequestOutcome o : OUTCOMES) {
            requestDurations[o.ordinal()] = histogram("camgate.request.duration", "decision", o.label(),
                    "Time from the request head to the end of the response", EXCHANGE_BUCKETS);
        }
        decisionDurations[0] = histogram("camgate.authz.decision.duration", "decision", "deny",
                "Time to decide a request against the live policies", DECISION_BUCKETS);
        decisionDurations[1] = histogram("camgate.authz.decision.duration", "decision", "allow",
                "Time to decide a request against the live policies", DECISION_BUCKETS);
        framingRejections = Counter.builder("camgate.framing.rejections")
                .description("Requests refused because their framing could not be trusted (400, connection closed)")
                .register(registry);
        for (int i = 0; i < STATUS_CLASSES.length; i++) {
            upstreamDurations[i] = histogram("camgate.upstream.duration", "status_class", STATUS_CLASSES[i],
                    "Time from forwarding a request to the upstream's complete response", EXCHANGE_BUCKETS);
        }
        for (UpstreamFailure f : UpstreamFailure.values()) {
            upstreamFailures[f.ordinal()] = Counter.builder("camgate.upstream.failures")
                    .description("Allowed requests the gateway answered itself because the upstream could not be "
                            + "reached, failed mid-exchange (502) or did not answer in time (504)")
                    .tag("kind", f.label()).register(registry);
        }
        // every reason at 0 from the start, so that rate() and alerts see the series before the first failure
        for (String reason : SignatureFailureReason.ALL) {
            signatureFailures.put(reason, signatureFailureCounter(reason));
        }
    }

    /**
     * A histogram with {@code buckets} as its bucket bounds (and +Inf): a few dozen series per
     * label value, where a percentile histogram would publish about a hundred.
     */
    private Timer histogram(String name, String tag, String value, String description, Duration[] buckets) {
        return Timer.builder(name).description(description).tag(tag, value)
                .serviceLevelObjectives(buckets)
                .register(registry);
    }

    /** Everything in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Records one finished request.
     *
     * @param method      the HTTP method
     * @param action      the CAM action it needed (its first), or null when it was refused before one was known
     * @param outcome     how it was answered
     * @param status      the HTTP status sent
     * @param durationNanos from the head's arrival to the response's end
     */
    public void request(String method, String action, RequestOutcome outcome, int status, long durationNanos) {
        String a = action == null ? "none" : action;
        Row row = requests.get(a);
        if (row == null) {
            String label = requests.size() >= MAX_ACTIONS ? "other" : a;
            row = requests.computeIfAbsent(label, Row::new);
        }
        int m = methodIndex(method);
        int s = statusClass(status);
        int slot = (m * OUTCOMES.length + outcome.ordinal()) * STATUS_CLASSES.length + s;
        Counter c = row.counters[slot];
        if (c == null) {
            c = Counter.builder("camgate.requests").description("Requests answered")
                    .tag("method", METHODS[m]).tag("action", row.action).tag("decision", outcome.label())
                    .tag("status_class", STATUS_CLASSES[s]).register(registry);
            row.counters[slot] = c;
        }
        c.increment();
        requestDurations[outcome.ordinal()].record(durationNanos, TimeUnit.NANOSECONDS);
    }

    /** Records how long one decision took. */
    public void decision(boolean allowed, long durationNanos) {
        decisionDurations[allowed ? 1 : 0].record(durationNanos, TimeUnit.NANOSECONDS);
    }

    /** Records one upstream exchange. */
    public void upstream(int status, long durationNanos) {
        upstreamDurations[statusClass(status)].record(durationNanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a request refused for its framing (smuggling attempts, bad chunks, oversize heads). */
    public void framingRejection() {
        framingRejections.increment();
    }

    /** Counts an allowed request that the upstream failed (see {@link UpstreamFailure}). */
    public void upstreamFailure(UpstreamFailure failure) {
        upstreamFailures[failure.ordinal()].increment();
    }

    /** Counts a request whose signature was refused, by the reason's kind. */
    public void signatureFailure(AuthError error) {
        signatureFailures.computeIfAbsent(SignatureFailureReason.of(error), this::signatureFailureCounter).increment();
    }

    private Counter signatureFailureCounter(String reason) {
        return Counter.builder("camgate.signature.failures").description("Requests refused while checking their signature")
                .tag("reason", reason).register(registry);
    }

    /** Publishes the reload counters and generation of {@code reloader} with {@code set} (live, shadow) as label. */
    public void bindReloader(ConfigReloader reloader, String set) {
        FunctionCounter.builder("camgate.policy.reloads", reloader, ConfigReloader::reloads)
                .description("Snapshots published by reloads").tag("set", set).register(registry);
        FunctionCounter.builder("camgate.policy.load.failures", reloader, ConfigReloader::failures)
                .description("Reloads rejected by validation; the last good snapshot stayed").tag("set", set)
                .register(registry);
        FunctionCounter.builder("camgate.config.reloads.refused", reloader, ConfigReloader::refusals)
                .description("Valid reloads refused because camgate.yaml changed what takes a restart; the last good"
                        + " configuration stayed").tag("set", set).register(registry);
        Gauge.builder("camgate.policy.generation", reloader, r -> r.holder().generation())
                .description("Generation of the snapshot in use").tag("set", set).strongReference(true)
                .register(registry);
        MultiGauge info = MultiGauge.builder("camgate.snapshot.info")
                .description("Always 1; the revision label names the content of the snapshot in use").register(registry);
        showRevision(info, set, reloader.holder().revision());
        reloader.addListener(new ReloadListener() {
            @Override
            public void published(Published published) {
                showRevision(info, set, published.revision());
            }
        });
    }

    /** One series per set, replaced when the revision changes, so old revisions do not pile up. */
    private static void showRevision(MultiGauge info, String set, String revision) {
        info.register(List.of(MultiGauge.Row.of(Tags.of("set", set, "revision", revision), 1)), true);
    }

    /** Publishes how the replica's copy of the shared store stands: connected, staleness, revision, re-reads. */
    public void bindStore(StoreMirror mirror) {
        Gauge.builder("camgate.store.connected", mirror, m -> m.connected() ? 1 : 0)
                .description("1 while the last probe of the store succeeded").strongReference(true).register(registry);
        Gauge.builder("camgate.store.staleness.seconds", mirror, StoreMirror::stalenessSeconds)
                .description("Seconds since the store was last heard from").strongReference(true).register(registry);
        Gauge.builder("camgate.store.revision", mirror, StoreMirror::publishedRevision)
                .description("Store revision of the snapshot in force").strongReference(true).register(registry);
        FunctionCounter.builder("camgate.store.relists", mirror, StoreMirror::relists)
                .description("Full reads of the store (start, compaction, safety net, lost watch)").register(registry);
    }

    /** Publishes the shadow comparator's counts. */
    public void bindShadow(ShadowComparator shadow) {
        for (boolean live : new boolean[] {false, true}) {
            for (boolean other : new boolean[] {false, true}) {
                FunctionCounter.builder("camgate.shadow.decisions", shadow, s -> s.count(live, other))
                        .description("Decisions compared with the shadow policy set")
                        .tag("live", live ? "allow" : "deny").tag("shadow", other ? "allow" : "deny")
                        .register(registry);
            }
        }
        FunctionCounter.builder("camgate.shadow.disagreements", shadow, ShadowComparator::disagreements)
                .description("Decisions the shadow policy set would have answered otherwise").register(registry);
        FunctionCounter.builder("camgate.shadow.errors", shadow, ShadowComparator::errors)
                .description("Shadow decisions that failed").register(registry);
    }

    /** Publishes how many requests the limiter turned away, by limit. */
    public void bindLimiter(Limiter limiter) {
        for (Limiter.Kind kind : Limiter.Kind.values()) {
            FunctionCounter.builder("camgate.limits.throttled", limiter, l -> l.throttled(kind))
                    .description("Requests answered with 503 SlowDown by a per-account limit")
                    .tag("limit", kind.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    /** Publishes the shared limits' view of the fleet: replicas counted, leases falling back to G/N. */
    public void bindSharedLimits(LeaseKeeper leases) {
        Gauge.builder("camgate.limits.shared.replicas", leases, LeaseKeeper::replicas)
                .description("Replicas sharing the limits, as registered in Redis (N)").register(registry);
        Gauge.builder("camgate.limits.shared.fallback", leases, LeaseKeeper::inFallback)
                .description("Shared buckets limited locally at G/N because Redis did not answer").register(registry);
    }

    /**
     * Reads the upstream pools at scrape time, per route: {@code inUse} says how many of a
     * route's connections are lent to requests, {@code pools} how many pools (one per event
     * loop) it has open. The series of a route appear with {@link #upstreamRoutes}.
     */
    public void bindUpstreamPools(ToIntFunction<String> inUse, ToIntFunction<String> pools) {
        this.poolsInUse = inUse;
        this.poolsOpen = pools;
    }

    /**
     * Makes every upstream series of {@code routes} exist (the error counters at 0), so a rate
     * or an alert sees a route before its first failure. The gauges are held strongly here:
     * Micrometer keeps only a weak reference to a gauge's target, and a collected one reads NaN.
     */
    public void upstreamRoutes(Collection<String> routes) {
        for (String route : routes) {
            routeErrors(route);
            if (poolsInUse != null && routeGauges.add(route)) {
                ToIntFunction<String> inUse = poolsInUse;
                ToIntFunction<String> open = poolsOpen;
                Gauge.builder("camgate.upstream.connections.in_use", () -> inUse.applyAsInt(route))
                        .description("Upstream connections lent to requests").tag("route", route)
                        .strongReference(true).register(registry);
                Gauge.builder("camgate.upstream.pools", () -> open.applyAsInt(route))
                        .description("Upstream connection pools open (one per event loop)").tag("route", route)
                        .strongReference(true).register(registry);
            }
        }
    }

    /** Counts a failed upstream connection of {@code route}. */
    public void upstreamError(String route, UpstreamError error) {
        routeErrors(route)[error.ordinal()].increment();
    }

    private Counter[] routeErrors(String route) {
        return upstreamErrors.computeIfAbsent(route, r -> {
            Counter[] row = new Counter[UpstreamError.values().length];
            for (UpstreamError e : UpstreamError.values()) {
                row[e.ordinal()] = Counter.builder("camgate.upstream.errors")
                        .description("Upstream connections that failed: could not connect, TLS refused, timed out, "
                                + "reset or closed mid-exchange")
                        .tag("route", r).tag("reason", e.label()).register(registry);
            }
            return row;
        });
    }

    /** Publishes how many log lines were dropped because the log writer could not keep up. */
    public void bindLogWriter(LogWriter writer) {
        FunctionCounter.builder("camgate.log.lines.dropped", writer, LogWriter::dropped)
                .description("Access and decision log lines dropped because the writer fell behind")
                .register(registry);
    }

    /** Publishes the size and hit ratio of the authenticator's SignKey cache. */
    public void bindSigningKeyCache(Authenticator authenticator) {
        cache("signing_keys", authenticator::signKeyCacheSize, authenticator::signKeyCacheStats);
    }

    /**
     * Publishes the size and hit ratio of the compiled-principal cache of whichever index
     * {@code holder} currently serves (each generation has its own).
     */
    public void bindIndexCache(SnapshotHolder holder) {
        cache("principals",
                () -> holder.current().engine() instanceof IndexedEngine e ? e.compiledPrincipals() : 0L,
                () -> holder.current().engine() instanceof IndexedEngine e ? e.principalCacheStats() : CacheStats.empty());
    }

    private void cache(String name, Supplier<Long> size, Supplier<CacheStats> stats) {
        Gauge.builder("camgate.cache.size", size, s -> s.get()).description("Entries in a cache")
                .tag("cache", name).strongReference(true).register(registry);
        Gauge.builder("camgate.cache.hit.ratio", stats, s -> s.get().hitRate())
                .description("Hits over lookups of a cache since it was built").tag("cache", name)
                .strongReference(true).register(registry);
    }

    private static int methodIndex(String method) {
        for (int i = 0; i < METHODS.length - 1; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return METHODS.length - 1;
    }

    private static int statusClass(int status) {
        int c = status / 100;
        return c >= 1 && c <= 5 ? c - 1 : STATUS_CLASSES.length - 1;
    }

    /** The request counters of one action label, by method, outcome and status class. */
    private static final class Row {
        final String action;
        final Counter[] counters = new Counter[METHODS.length * OUTCOMES.length * STATUS_CLASSES.length];

        Row(String action) {
            this.action = action;
        }
    }

    private static Duration[] millis(double... bounds) {
        Duration[] out = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(bounds[i] * 1_000_000));
        }
        return out;
    }

    @Override
    public void close() {
        standard.close();
        registry.close();
    }
}
