package io.camgate.cli;

import io.camgate.admin.Operations;
import io.camgate.authz.index.EngineKind;
import io.camgate.config.ConfigLoader;
import io.camgate.config.GatewaySettings;
import io.camgate.policy.PolicyException;
import io.camgate.proxy.Gateway;
import io.camgate.proxy.OperationsObserver;
import io.camgate.proxy.RequestObserver;
import io.camgate.sign.Authenticator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The gateway wired to its operations, as {@code serve} and {@code demo} run it: the gateway
 * takes each request's snapshot, and the routes of the camgate.yaml published with it, from
 * the reloaded live set, admits callers with the limiter,
 * and reports every request to the meters, the shadow comparison and the logs; the admin
 * listener runs beside it. Stopping drains in order: readiness goes false, the gateway stops
 * accepting and finishes what is in flight, then everything closes.
 */
final class OperatedGateway implements AutoCloseable {
    private final Operations operations;
    private final Gateway gateway;
    private boolean stopped;

    private OperatedGateway(Operations operations, Gateway gateway) {
        this.operations = operations;
        this.gateway = gateway;
    }

    /**
     * Starts the operations on {@code dir}, then the gateway.
     *
     * @param settings  the gateway's settings (already overridden as the command asks)
     * @param adminPort the admin port instead of camgate.yaml's, or null
     * @param also      told about each request too ({@link RequestObserver#NONE} for nothing)
     */
    static OperatedGateway start(Path dir, GatewaySettings settings, Integer adminPort, RequestObserver also,
            Clock clock) throws PolicyException, IOException, InterruptedException {
        return start(dir, settings, UnaryOperator.identity(), adminPort, also, clock, System::nanoTime);
    }

    /**
     * {@link #start(Path, GatewaySettings, Integer, RequestObserver, Clock)}, with what the
     * command line overrides in camgate.yaml applied again to each reloaded camgate.yaml.
     */
    static OperatedGateway start(Path dir, GatewaySettings settings, UnaryOperator<GatewaySettings> overrides,
            Integer adminPort, RequestObserver also, Clock clock)
            throws PolicyException, IOException, InterruptedException {
        return start(dir, settings, overrides, adminPort, also, clock, System::nanoTime);
    }

    /** {@link #start(Path, GatewaySettings, Integer, RequestObserver, Clock)} with the limiter on {@code nanoTime}. */
    static OperatedGateway start(Path dir, GatewaySettings settings, Integer adminPort, RequestObserver also,
            Clock clock, LongSupplier nanoTime) throws PolicyException, IOException, InterruptedException {
        return start(dir, settings, UnaryOperator.identity(), adminPort, also, clock, nanoTime);
    }

    private static OperatedGateway start(Path dir, GatewaySettings settings, UnaryOperator<GatewaySettings> overrides,
            Integer adminPort, RequestObserver also, Clock clock, LongSupplier nanoTime)
            throws PolicyException, IOException, InterruptedException {
        Authenticator authenticator = Gateway.authenticator(settings, clock);
        Operations ops = Operations.start(dir, ConfigLoader.withSystemEnvironment(), authenticator, EngineKind.INDEX,
                adminPort, nanoTime);
        try {
            RequestObserver observer = new OperationsObserver(ops.metrics(), ops.shadow().orElse(null),
                    ops.decisionLog(), ops.accessLog()).andThen(also);
            Gateway gateway = Gateway.start(ops.live(), settings, authenticator, ops.limiter(), observer, clock);
            ops.metrics().bindUpstreamPools(gateway.upstreamPools()::connectionsInUse, gateway.upstreamPools()::size);
            ops.reloader().addListener(gateway.reloads(overrides));
            return new OperatedGateway(ops, gateway);
        } catch (IOException | InterruptedException | RuntimeException e) {
            ops.close();
            throw e;
        }
    }

    Gateway gateway() {
        return gateway;
    }

    Operations operations() {
        return operations;
    }

    /**
     * Readiness false, stop accepting, wait up to {@code deadline} for in-flight requests,
     * close everything.
     *
     * @param stoppedAccepting run once the gateway no longer accepts
     * @return true when every connection finished in time
     */
    synchronized boolean shutdown(Duration deadline, Runnable stoppedAccepting) {
        if (stopped) {
            return true;
        }
        stopped = true;
        operations.admin().drain();
        gateway.stopAccepting();
        stoppedAccepting.run();
        boolean clean = gateway.awaitDrained(deadline);
        operations.close();
        return clean;
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO, () -> { });
    }
}
