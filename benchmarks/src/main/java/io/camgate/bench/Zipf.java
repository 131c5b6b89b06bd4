package io.camgate.bench;

import java.util.Arrays;
import java.util.Random;

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s, scrambled so that hot items are spread out. */
final class Zipf {
    private final double[] cdf;
    private final int[] scramble;
    private final Random random;

    Zipf(int n, double s, Random random) {
        this.random = random;
        cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        scramble = new int[n];
        for (int i = 0; i < n; i++) {
            scramble[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = scramble[i];
            scramble[i] = scramble[j];
            scramble[j] = t;
        }
    }

    int next() {
        int at = Arrays.binarySearch(cdf, random.nextDouble());
        int rank = at >= 0 ? at : Math.min(cdf.length - 1, -at - 1);
        return scramble[rank];
    }
}
