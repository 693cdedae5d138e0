package io.strand.common.metrics.stats;

import io.strand.common.metrics.MetricConfig;

/** The largest or smallest value recorded in the sample windows; NaN when none were. */
abstract class Extremum extends SampledStat {

    Extremum(double identity) {
        super(identity);
    }

    /** The one of {@code a} and {@code b} this stat keeps. */
    abstract double pick(double a, double b);

    @Override
    protected void update(Sample sample, double value) {
        sample.value = pick(sample.value, value);
    }

    @Override
    protected double combine(Sample[] samples, MetricConfig config, long nowMs) {
        double result = samples[0].initialValue;
        long count = 0;
        for (Sample s : samples) {
            result = pick(result, s.value);
            count += s.eventCount;
        }
        return count == 0 ? Double.NaN : result;
    }
}
