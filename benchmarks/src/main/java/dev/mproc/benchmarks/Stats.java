package dev.mproc.benchmarks;

import java.util.List;

/** Order statistics of a sample of durations in nanoseconds. */
record Stats(int n, double medianMs, double p10Ms, double p90Ms, double minMs) {

    static Stats of(List<Long> nanos) {
        long[] v = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (v.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Stats(v.length, pct(v, 50), pct(v, 10), pct(v, 90), v[0] / 1e6);
    }

    private static double pct(long[] sorted, int p) {
        double rank = (p / 100.0) * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        double value = sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
        return value / 1e6;
    }

    String format() {
        return n == 0 ? "n/a" : String.format("%7.1f  [p10 %6.1f, p90 %6.1f]", medianMs, p10Ms, p90Ms);
    }
}
