package io.strand.common.metrics.stats;

import io.strand.common.metrics.MetricConfig;

/** The smallest value recorded in the sample windows; NaN when none were. */
public class Min extends SampledStat {

    public Min() {
        super(Double.POSITIVE_INFINITY);
    }

    @Override
    protected void update(Sample sample, double value) {
        sample.value = Math.min(sample.value, value);
    }

    @Override
    protected double combine(Sample[] samples, MetricConfig config, long nowMs) {
        double min = Double.POSITIVE_INFINITY;
        long count = 0;
        for (Sample s : samples) {
            min = Math.min(min, s.value);
            count += s.eventCount;
        }
        return count == 0 ? Double.NaN : min;
    }
}
