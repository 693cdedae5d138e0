package io.strand.common.metrics.stats;

import io.strand.common.metrics.MetricConfig;

/** The mean of the values recorded in the sample windows; NaN when none were. */
public class Avg extends WindowedSum {

    @Override
    protected double combine(Sample[] samples, MetricConfig config, long nowMs) {
        long count = 0;
        for (Sample s : samples) {
            count += s.eventCount;
        }
        return count == 0 ? Double.NaN : super.combine(samples, config, nowMs) / count;
    }
}
