package io.strand.partitioners;

/** Pearson's chi-square goodness-of-fit against the uniform distribution, for partition counts. */
final class ChiSquare {

    /** z of the one-sided 99.9th percentile of the standard normal distribution. */
    private static final double Z_999 = 3.090;

    private ChiSquare() {
    }

    static double statistic(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double expected = (double) total / counts.length;
        double sum = 0;
        for (long c : counts) {
            double d = c - expected;
            sum += d * d / expected;
        }
        return sum;
    }

    /**
     * The value a uniform sample exceeds with probability 0.001 for {@code df} degrees of freedom
     * (Wilson-Hilferty approximation, within a few percent of the exact quantile for df >= 1).
     */
    static double critical999(int df) {
        double a = 2.0 / (9.0 * df);
        double cube = 1 - a + Z_999 * Math.sqrt(a);
        return df * cube * cube * cube;
    }

    /** True if counts look uniform at the 0.1% level. */
    static boolean looksUniform(long[] counts) {
        return statistic(counts) < critical999(counts.length - 1);
    }
}
