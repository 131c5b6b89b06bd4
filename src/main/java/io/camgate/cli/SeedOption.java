package io.camgate.cli;

import java.util.Random;
import picocli.CommandLine.Option;

/** The {@code --seed X} option: a fixed seed reproduces a run's requests; without one a fresh seed is drawn and reported. */
final class SeedOption {
    @Option(names = "--seed", paramLabel = "X", description = "Seed of the request mix and sequence (default: random, reported).")
    Long seed;

    /** The given seed, or one drawn now. */
    long value() {
        if (seed == null) {
            seed = new Random().nextLong();
        }
        return seed;
    }
}
