package io.strand.common.metrics.stats;

import io.strand.common.metrics.MetricConfig;

/** The sum of the values recorded in the sample windows. */
public class WindowedSum extends SampledStat {

    public WindowedSum() {
        super(0.0);
    }

    @Override
    protected void update(Sample sample, double value) {
        sample.value += value;
    }

    @Override
    protected double combine(Sample[] samples, MetricConfig config, long nowMs) {
        double total = 0.0;
        for (Sample s : samples) {
            total += s.value;
        }
        return total;
    }
}
