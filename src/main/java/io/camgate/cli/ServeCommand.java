package io.camgate.cli;

import io.camgate.authz.Snapshot;
import io.camgate.config.GatewaySettings;
import io.camgate.proxy.AccessLog;
import io.camgate.proxy.Gateway;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code camgate serve}: runs the gateway on a configuration directory until the process is
 * told to stop (SIGTERM or Ctrl-C), then stops accepting and lets in-flight requests finish
 * within {@code listen.shutdownTimeout}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway: authorize COS requests and forward the allowed ones upstream.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--port", paramLabel = "PORT", description = "Listen on this port instead (0: any free port).")
    Integer port;

    @Option(names = "--access-log", description = "Print one line per authorization decision.")
    boolean accessLog;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Snapshot snapshot = config.load(err);
        GatewaySettings settings = snapshot == null ? null : config.loadSettings(err);
        if (settings == null) {
            return 1;
        }
        if (port != null) {
            settings = settings.withPort(port);
        }
        AccessLog log = accessLog ? new PrintingAccessLog(out) : AccessLog.NONE;
        Gateway gateway = Gateway.start(snapshot, settings, log, Clock.systemUTC());
        Duration deadline = settings.listen().shutdownTimeout();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.stopAccepting();
            out.println("camgate: stopped accepting; finishing in-flight requests");
            out.flush();
            boolean clean = gateway.awaitDrained(deadline);
            out.println(clean ? "camgate: stopped" : "camgate: stopped, some connections were cut at the deadline");
            out.flush();
            stopped.countDown();
        }, "camgate-shutdown"));
        out.printf("camgate: serving %s (%d route%s, configuration %s)%n", gateway.url(), settings.routes().size(),
                settings.routes().size() == 1 ? "" : "s",
                config.dir);
        out.flush();
        stopped.await();
        return 0;
    }
}
