package io.camgate.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded random trials for property tests. Each trial draws from its own {@link Random}, seeded
 * from the run's seed plus the trial number, so a failure names the one seed that replays it
 * ({@code -Dcamgate.test.seed=S} makes that seed the first trial's). {@code camgate.test.scale}
 * multiplies every trial count for longer runs.
 */
public final class Trials {
    private Trials() {
    }

    /** One trial: assertions over values drawn from {@code random}. */
    @FunctionalInterface
    public interface Trial {
        void run(Random random) throws Exception;
    }

    /** Runs {@code tries} trials (scaled), failing with the seed of the first trial that fails. */
    public static void run(int tries, Trial trial) {
        long seed = Long.getLong("camgate.test.seed", new Random().nextLong());
        long total = (long) tries * Integer.getInteger("camgate.test.scale", 1);
        for (long i = 0; i < total; i++) {
            long trialSeed = seed + i;
            try {
                trial.run(new Random(trialSeed));
            } catch (Exception | AssertionError e) {
                throw new AssertionError("trial " + i + " of " + total + " failed; replay it with -Dcamgate.test.seed="
                        + trialSeed + ": " + e.getMessage(), e);
            }
        }
    }

    /** One of {@code items}, uniformly. */
    public static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** One of {@code items}, uniformly. */
    @SafeVarargs
    public static <T> T pick(Random random, T... items) {
        return items[random.nextInt(items.length)];
    }

    /** A string of up to {@code maxLength} characters drawn from {@code alphabet}; short ones as likely as long ones. */
    public static String string(Random random, String alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** Between {@code min} and {@code max} (inclusive) elements, each made by {@code element}. */
    public static <T> List<T> list(Random random, int min, int max, Function<Random, T> element) {
        int size = min + random.nextInt(max - min + 1);
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(element.apply(random));
        }
        return out;
    }
}
