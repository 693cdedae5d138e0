package io.strand.common.metrics.stats;

import io.strand.common.metrics.MetricConfig;

/** The number of values ever recorded. */
public class CumulativeCount extends CumulativeSum {

    @Override
    public void record(MetricConfig config, double value, long timeMs) {
        super.record(config, 1.0, timeMs);
    }
}
