package org.guichet.dossiers.internal.observatory;

import java.util.Arrays;

/** A growing list of values and its nearest-rank percentiles (the value below which p of them lie, one of them). */
final class Distribution {
    private double[] values = new double[64];
    private int n;

    void add(double v) {
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = v;
    }

    int size() {
        return n;
    }

    /** Nearest rank: the ceil(p·n)-th smallest value; null when empty. */
    Double percentile(double p) {
        if (n == 0) {
            return null;
        }
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * n);
        return sorted[Math.max(0, Math.min(n, rank) - 1)];
    }
}
