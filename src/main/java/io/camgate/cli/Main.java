package io.camgate.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code camgate} command: dispatches to its subcommands. */
@Command(name = "camgate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Authorization gateway for COS/CI object storage, deciding with CAM policies.",
        subcommands = {CheckCommand.class, ExplainCommand.class, TestCommand.class, LintCommand.class,
                ServeCommand.class, DemoCommand.class, LoadtestCommand.class, StoreCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line writing to the given streams, for tests and embedding. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    private static CommandLine commandLine() {
        return Conventions.apply(new CommandLine(new Main()));
    }

    /** Reports the version and git revision recorded in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Conventions.version()};
        }
    }
}
