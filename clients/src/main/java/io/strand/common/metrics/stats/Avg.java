package io.strand.common.metrics.stats;

import io.strand.common.metrics.MetricConfig;

/** The mean of the values recorded in the sample windows; NaN when none were. */
public class Avg extends SampledStat {

    public Avg() {
        super(0.0);
    }

    @Override
    protected void update(Sample sample, double value) {
        sample.value += value;
    }

    @Override
    protected double combine(Sample[] samples, MetricConfig config, long nowMs) {
        double total = 0.0;
        long count = 0;
        for (Sample s : samples) {
            total += s.value;
            count += s.eventCount;
        }
        return count == 0 ? Double.NaN : total / count;
    }
}
