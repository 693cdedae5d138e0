package io.strand.common.metrics.stats;

import io.strand.common.metrics.MeasurableStat;
import io.strand.common.metrics.MetricConfig;

/** The sum of every value ever recorded (Apache's former Total). */
public class CumulativeSum implements MeasurableStat {

    private double total;

    public CumulativeSum() {
        this(0.0);
    }

    public CumulativeSum(double initial) {
        this.total = initial;
    }

    @Override
    public void record(MetricConfig config, double value, long timeMs) {
        total += value;
    }

    @Override
    public double measure(MetricConfig config, long nowMs) {
        return total;
    }
}
