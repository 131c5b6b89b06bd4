package io.camgate.cli;

import io.camgate.authz.Snapshot;
import io.camgate.config.ConfigLoader;
import io.camgate.config.GatewaySettings;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config DIR} option shared by commands that read a configuration directory. */
final class ConfigOption {
    @Option(names = "--config", required = true, paramLabel = "DIR",
            description = "Configuration directory: camgate.yaml, accounts.yaml, policies/, bucket-policies/.")
    Path dir;

    /** Loads the directory, or prints every problem to {@code err} and returns null. */
    Snapshot load(PrintWriter err) {
        return load(dir, err);
    }

    /** Loads {@code directory}, or prints every problem to {@code err} and returns null. */
    static Snapshot load(Path directory, PrintWriter err) {
        try {
            return ConfigLoader.withSystemEnvironment().load(directory, 1);
        } catch (PolicyException e) {
            report(e, directory, err);
            return null;
        }
    }

    /** Loads {@code camgate.yaml}, or prints every problem to {@code err} and returns null. */
    GatewaySettings loadSettings(PrintWriter err) {
        try {
            return new GatewaySettingsLoader(System::getenv).load(dir);
        } catch (PolicyException e) {
            report(e, dir, err);
            return null;
        }
    }

    /** Prints every problem of {@code e} and how many there were in {@code dir}. */
    static void report(PolicyException e, Path dir, PrintWriter err) {
        for (PolicyProblem p : e.problems()) {
            err.println(p);
        }
        err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + " in " + dir);
    }
}
