package io.camgate.cli;

import picocli.CommandLine.Command;

/** Placeholder. */
@Command(name = "http")
final class HttpLoadCommand implements Runnable {
    @Override
    public void run() {
    }
}
