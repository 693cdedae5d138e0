package io.strand.bench.harness;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles of small samples. */
public final class Stats {

    private Stats() {
    }

    /** The median; the mean of the middle two for an even count; NaN for none. */
    public static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** The value at quantile q (0 to 1) of the first {@code count} values, sorting them in place. */
    public static long percentile(long[] values, int count, double q) {
        if (count == 0) {
            return 0;
        }
        Arrays.sort(values, 0, count);
        int index = (int) Math.min(count - 1, Math.floor(q * count));
        return values[index];
    }
}
