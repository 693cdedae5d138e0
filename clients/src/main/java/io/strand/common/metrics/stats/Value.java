package io.strand.common.metrics.stats;

import io.strand.common.metrics.MeasurableStat;
import io.strand.common.metrics.MetricConfig;

/** The last value recorded; NaN before the first. */
public class Value implements MeasurableStat {

    private double value = Double.NaN;

    @Override
    public void record(MetricConfig config, double value, long timeMs) {
        this.value = value;
    }

    @Override
    public double measure(MetricConfig config, long nowMs) {
        return value;
    }
}
