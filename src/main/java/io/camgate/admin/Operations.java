package io.camgate.admin;

import io.camgate.authz.index.EngineKind;
import io.camgate.authz.index.SnapshotHolder;
import io.camgate.config.AdminSection;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ConfigReloader;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.config.OpsSettings;
import io.camgate.config.ShadowComparator;
import io.camgate.limits.LeaseKeeper;
import io.camgate.limits.Limiter;
import io.camgate.logs.AccessLog;
import io.camgate.logs.DecisionLog;
import io.camgate.logs.LoggingControl;
import io.camgate.logs.LogWriter;
import io.camgate.metrics.GatewayMetrics;
import io.camgate.policy.PolicyException;
import io.camgate.sign.Authenticator;
import io.camgate.store.StoreMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Everything operational that {@code camgate serve} starts beside the gateway, wired together
 * from one configuration directory: the live configuration (watched, reloaded on SIGHUP, its
 * camgate.yaml validated with every reload when it has one), the
 * shadow policy set when camgate.yaml names one, the per-account limiter, the metrics, and the
 * admin listener. The gateway takes its snapshots from {@link #live()} and admits callers
 * with {@link #limiter()}; {@code proxy.OperationsObserver} records each request into
 * {@link #metrics()}, {@link #shadow()}, {@link #decisionLog()} and {@link #accessLog()}, whose
 * lines a log-writer thread of its own writes. {@code camgate serve} wires them together.
 */
public final class Operations implements AutoCloseable {
    /** How long the directory must be quiet before a change is reloaded. */
    public static final Duration QUIET = Duration.ofMillis(250);
    private final ConfigReloader live;
    /** The shared store, when camgate.yaml has a {@code store:} section; null in directory mode. */
    private final StoreMode store;
    private final ConfigReloader shadowSet;
    private final ShadowComparator shadow;
    private final Limiter limiter;
    private final LeaseKeeper leases;
    private final LogWriter logWriter = LogWriter.start();
    private final DecisionLog decisionLog = new DecisionLog(0, logWriter);
    private final LoggingControl logging;
    private final AccessLog accessLog = new AccessLog(logWriter);
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final AdminServer admin;

    private Operations(Path dir, ConfigLoader loader, Authenticator authenticator, EngineKind kind,
            Integer adminPort, LongSupplier nanoTime) throws PolicyException, IOException, InterruptedException {
        OpsSettings settings;
        try {
            settings = OpsSettings.read(dir);
            if (adminPort != null) {
                settings = settings.withAdminPort(adminPort);
            }
        } catch (PolicyException e) {
            logWriter.close();
            throw e;
        }
        try {
            store = settings.store().isEmpty() ? null
                    : StoreMode.open(dir, settings.store().get(), loader, new GatewaySettingsLoader(System::getenv),
                    kind);
        } catch (PolicyException | IOException | InterruptedException | RuntimeException e) {
            logWriter.close();
            throw e;
        }
        logging = new LoggingControl(decisionLog, settings.logging());
        try {
            leases = settings.limits().map(s -> LeaseKeeper.connect(s, nanoTime, null).start()).orElse(null);
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            logWriter.close();
            throw e;
        }
        limiter = new Limiter(nanoTime, leases);
        live = store != null ? store.reloader()
                : GatewaySettingsLoader.present(dir)
                ? ConfigReloader.openServing(dir, loader, new GatewaySettingsLoader(System::getenv), kind)
                : ConfigReloader.open(dir, loader, kind, "live");
        ConfigReloader opened = null;
        try {
            live.addListener(logging);
            live.watch(QUIET);
            live.reloadOnHangup();
            if (settings.shadow().isPresent()) {
                opened = ConfigReloader.open(settings.shadow().get(), loader, kind, "shadow");
                opened.watch(QUIET);
            }
            shadowSet = opened;
            shadow = opened == null ? null : new ShadowComparator(opened.holder(), logWriter);
            metrics.bindReloader(live, "live");
            metrics.bindIndexCache(live.holder());
            metrics.bindSigningKeyCache(authenticator);
            metrics.bindLimiter(limiter);
            if (leases != null) {
                metrics.bindSharedLimits(leases);
            }
            metrics.bindLogWriter(logWriter);
            if (shadow != null) {
                metrics.bindReloader(opened, "shadow");
                metrics.bindShadow(shadow);
            }
            if (store != null) {
                metrics.bindStore(store.mirror());
            }
            admin = AdminServer.start(settings.admin(), live, loader, authenticator, metrics,
                    Optional.ofNullable(store));
        } catch (PolicyException | IOException | InterruptedException | RuntimeException e) {
            live.close();
            if (store != null) {
                store.close();
            }
            if (opened != null) {
                opened.close();
            }
            if (leases != null) {
                leases.close();
            }
            metrics.close();
            logWriter.close();
            throw e;
        }
    }

    /**
     * Loads {@code dir} and starts watching it, the shadow set and the admin listener.
     *
     * @param authenticator the gateway's authenticator (the CAM API verifies callers with it too)
     * @throws PolicyException      when the directory or camgate.yaml's operations sections are invalid
     * @throws IOException          when the directory cannot be watched
     * @throws InterruptedException while binding the admin port
     */
    public static Operations start(Path dir, ConfigLoader loader, Authenticator authenticator, EngineKind kind)
            throws PolicyException, IOException, InterruptedException {
        return new Operations(dir, loader, authenticator, kind, null, System::nanoTime);
    }

    /**
     * {@link #start(Path, ConfigLoader, Authenticator, EngineKind)} with the admin listener on
     * {@code adminPort} instead of camgate.yaml's (null: as configured; 0: any free port) and
     * the limiter's buckets refilling by {@code nanoTime} (tests move it to see a limit recover
     * without waiting).
     */
    public static Operations start(Path dir, ConfigLoader loader, Authenticator authenticator, EngineKind kind,
            Integer adminPort, LongSupplier nanoTime) throws PolicyException, IOException, InterruptedException {
        return new Operations(dir, loader, authenticator, kind, adminPort, nanoTime);
    }

    /** Where each request takes its snapshot and engine. */
    public SnapshotHolder live() {
        return live.holder();
    }

    /** The live configuration's reloader. */
    public ConfigReloader reloader() {
        return live;
    }

    /** The shadow comparator, when camgate.yaml names a shadow directory. */
    public Optional<ShadowComparator> shadow() {
        return Optional.ofNullable(shadow);
    }

    /** The per-account limiter. */
    public Limiter limiter() {
        return limiter;
    }

    /** camgate.yaml's logging section in force (reloads change it), and the level flag. */
    public LoggingControl logging() {
        return logging;
    }

    /** The decision log (denials, sampled allows). */
    public DecisionLog decisionLog() {
        return decisionLog;
    }

    /** The access log. */
    public AccessLog accessLog() {
        return accessLog;
    }

    /** The meters. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The admin listener. */
    public AdminServer admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
        live.close();
        if (store != null) {
            store.close();
        }
        if (shadowSet != null) {
            shadowSet.close();
        }
        if (leases != null) {
            leases.close();
        }
        metrics.close();
        logWriter.close();
    }
}
