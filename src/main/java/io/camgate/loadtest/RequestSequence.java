package io.camgate.loadtest;

/**
 * Which request of a workload goes at each position of a run: a pure function of the seed and
 * the position (SplitMix64), so a run is reproduced by its seed whatever the number of
 * threads that share it out.
 */
public final class RequestSequence {
    private final long seed;
    private final int size;

    /** A sequence over {@code size} requests for {@code seed}. */
    public RequestSequence(long seed, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("a sequence needs at least one request");
        }
        this.seed = seed;
        this.size = size;
    }

    /** The request at {@code position}, from 0 to {@code size - 1}. */
    public int at(long position) {
        long z = seed + (position + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, (long) size);
    }
}
