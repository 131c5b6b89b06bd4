package io.camgate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code camgate loadtest}: groups the load-testing modes. */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = "Load-test a policy set: the in-process engine, a diff of two sets, or a running gateway.",
        subcommands = {EngineLoadCommand.class, DiffCommand.class, HttpLoadCommand.class})
final class LoadtestCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a mode: engine, diff or http");
    }
}
