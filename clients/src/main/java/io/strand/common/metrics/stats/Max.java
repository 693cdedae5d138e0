package io.strand.common.metrics.stats;

import io.strand.common.metrics.MetricConfig;

/** The largest value recorded in the sample windows; NaN when none were. */
public class Max extends SampledStat {

    public Max() {
        super(Double.NEGATIVE_INFINITY);
    }

    @Override
    protected void update(Sample sample, double value) {
        sample.value = Math.max(sample.value, value);
    }

    @Override
    protected double combine(Sample[] samples, MetricConfig config, long nowMs) {
        double max = Double.NEGATIVE_INFINITY;
        long count = 0;
        for (Sample s : samples) {
            max = Math.max(max, s.value);
            count += s.eventCount;
        }
        return count == 0 ? Double.NaN : max;
    }
}
