package io.camgate.logs;

import io.camgate.authz.index.Published;
import io.camgate.config.GatewaySettings;
import io.camgate.config.LogLevel;
import io.camgate.config.LoggingSection;
import io.camgate.config.ReloadListener;
import java.util.Optional;

/**
 * camgate.yaml's {@code logging:} section in force: the level of the operational lines and the
 * decision log's share of allows, applied at the start and again when a reload publishes a
 * camgate.yaml that changed them. A level given on the command line outlasts reloads.
 */
public final class LoggingControl implements ReloadListener {
    private final DecisionLog decisions;
    private volatile LoggingSection inForce;
    private volatile LogLevel commandLine;
    private LoggingSection staged;

    /**
     * @param decisions the decision log whose sampling follows the section
     * @param start     the section read at the start
     */
    public LoggingControl(DecisionLog decisions, LoggingSection start) {
        this.decisions = decisions;
        this.inForce = start;
        decisions.allowSampling(start.allowSampling());
    }

    /** The section in force. */
    public LoggingSection inForce() {
        return inForce;
    }

    /** From now on the level is {@code flag}, whatever camgate.yaml says; null: camgate.yaml's. */
    public void commandLineLevel(LogLevel flag) {
        commandLine = flag;
        LoggingBackend.level(flag != null ? flag : inForce.level());
    }

    @Override
    public void staging(Published next, Optional<GatewaySettings> settings) {
        staged = settings.map(s -> s.operations().logging()).orElse(null);
    }

    @Override
    public void published(Published published) {
        LoggingSection next = staged;
        staged = null;
        if (next == null || next.equals(inForce)) {
            return;
        }
        inForce = next;
        decisions.allowSampling(next.allowSampling());
        LoggingBackend.level(commandLine != null ? commandLine : next.level());
    }
}
