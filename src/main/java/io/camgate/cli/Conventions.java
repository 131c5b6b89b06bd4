package io.camgate.cli;

import io.camgate.config.ListenerUnavailable;
import io.camgate.metrics.BuildInfo;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What users expect of a command-line tool, applied to camgate's: the version from the jar's
 * manifest, a {@code completion} command that prints a bash/zsh completion script, a mistyped
 * option named with a suggestion even when a required option is then missing, and a listener
 * that cannot listen said in one line instead of a stack trace.
 */
final class Conventions {
    private Conventions() {
    }

    /** {@code command} with the conventions. */
    static CommandLine apply(CommandLine command) {
        IParameterExceptionHandler plain = command.getParameterExceptionHandler();
        command.addSubcommand("completion", new AutoComplete.GenerateCompletion());
        command.getSubcommands().get("completion").getCommandSpec().usageMessage()
                .description("Print a bash/zsh completion script for camgate: source <(camgate completion)");
        return command.setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, args) -> plain.handleParseException(mistyped(e), args))
                .setExecutionExceptionHandler(Conventions::failed);
    }

    /**
     * A missing required option reported while an unknown one was given (the user mistyped the
     * required one): the unknown option is the real problem, and picocli suggests the nearest.
     */
    private static ParameterException mistyped(ParameterException e) {
        if (!(e instanceof MissingParameterException)) {
            return e;
        }
        CommandLine where = e.getCommandLine();
        List<String> unmatched = where.getParseResult() == null ? List.of() : where.getParseResult().unmatched();
        return unmatched.isEmpty() ? e : new UnmatchedArgumentException(where, unmatched);
    }

    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ListenerUnavailable unavailable) {
            command.getErr().println(command.getCommandName() + ": " + unavailable.getMessage());
            command.getErr().flush();
            return 1;
        }
        throw e;
    }

    /** The version line: the project version and the git revision, or that this is a development build. */
    static String version() {
        BuildInfo build = BuildInfo.current();
        if (build.version().equals(BuildInfo.UNKNOWN)) {
            return "camgate (development build, not from a packaged jar)";
        }
        return "camgate " + build.version() + " (git revision " + build.revision() + ")";
    }
}
