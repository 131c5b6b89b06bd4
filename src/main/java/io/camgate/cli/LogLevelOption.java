package io.camgate.cli;

import io.camgate.config.LogLevel;
import io.camgate.logs.LoggingBackend;
import picocli.CommandLine.Option;

/** The {@code --log-level} option of the commands that run the gateway; it wins over camgate.yaml. */
final class LogLevelOption {
    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "Level of the operational log lines: ${COMPLETION-CANDIDATES} (default: logging.level of "
                    + "camgate.yaml, else info). Access and decision lines are written at any level.")
    LogLevel level;

    /**
     * Before the gateway starts: the flag's level, when it was given (once started, the
     * operations' {@code LoggingControl} keeps it in force over camgate.yaml's).
     */
    void applyFlag() {
        if (level != null) {
            LoggingBackend.level(level);
        }
    }
}
