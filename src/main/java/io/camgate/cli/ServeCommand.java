package io.camgate.cli;

import io.camgate.config.GatewaySettings;
import io.camgate.logs.LoggingBackend;
import io.camgate.policy.PolicyException;
import io.camgate.proxy.RequestObserver;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code camgate serve}: runs the gateway and its admin listener on a configuration directory,
 * reloading the directory when it changes, until the process is told to stop (SIGTERM or
 * Ctrl-C). Then readiness goes false, the gateway stops accepting and in-flight requests may
 * finish within {@code listen.shutdownTimeout}. What it says while serving (serving, stopping,
 * stopped) are log lines like every other, one JSON object each on stderr.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway: authorize COS requests and forward the allowed ones upstream.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("camgate.serve");

    @Mixin
    ConfigOption config;

    @Mixin
    LogLevelOption logLevel;

    @Option(names = "--port", paramLabel = "PORT", description = "Listen on this port instead (0: any free port).")
    Integer port;

    @Option(names = "--admin-port", paramLabel = "PORT",
            description = "Run the admin listener on this port instead (0: any free port).")
    Integer adminPort;

    @Option(names = "--print-decisions", description = "Print one line per authorization decision to the console.")
    boolean printDecisions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GatewaySettings settings = config.loadSettings(err);
        if (settings == null) {
            return 1;
        }
        UnaryOperator<GatewaySettings> overrides = port == null ? UnaryOperator.identity() : s -> s.withPort(port);
        settings = overrides.apply(settings);
        RequestObserver also = printDecisions ? new PrintingObserver(out) : RequestObserver.NONE;
        logLevel.applyFlag();
        OperatedGateway served;
        try {
            served = OperatedGateway.start(config.dir, settings, overrides, adminPort, also, Clock.systemUTC());
        } catch (PolicyException e) {
            ConfigOption.report(e, config.dir, err);
            return 1;
        }
        served.operations().logging().commandLineLevel(logLevel.level);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // as the last reload set it
            Duration deadline = served.gateway().settings().listen().shutdownTimeout();
            boolean clean = served.shutdown(deadline,
                    () -> LOG.info("stopped accepting; finishing in-flight requests"));
            LOG.info(clean ? "stopped" : "stopped, some connections were cut at the deadline");
            LoggingBackend.flush();
            stopped.countDown();
        }, "camgate-shutdown"));
        LOG.info("serving {} ({} route{}, configuration {}, generation {}, revision {}); admin http://{}:{}",
                served.gateway().url(), settings.routes().size(), settings.routes().size() == 1 ? "" : "s",
                config.dir, served.operations().live().generation(), served.operations().live().revision(),
                served.operations().admin().address(),
                served.operations().admin().port());
        if (served.gateway().ingressPort().isPresent()) {
            LOG.info("ingress decisions (nginx auth_request, Envoy ext_authz) on http://{}:{}",
                    settings.ingress().orElseThrow().address(), served.gateway().ingressPort().getAsInt());
        }
        stopped.await();
        return 0;
    }
}
