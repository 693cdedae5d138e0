package io.strand.common.metrics.stats;

import io.strand.common.metrics.MeasurableStat;
import io.strand.common.metrics.MetricConfig;

/**
 * A stat kept over a ring of {@code samples} time windows of {@code timeWindowMs} each, so that
 * its value reflects the recent past. The ring is allocated on first record and reused: a
 * record moves to the next window when the current one is full, resetting it in place.
 */
public abstract class SampledStat implements MeasurableStat {

    private final double initialValue;
    private Sample[] samples;
    private int current;

    protected SampledStat(double initialValue) {
        this.initialValue = initialValue;
    }

    @Override
    public void record(MetricConfig config, double value, long timeMs) {
        Sample sample = current(config, timeMs);
        if (timeMs - sample.windowStartMs >= config.timeWindowMs()) {
            current = (current + 1) % samples.length;
            sample = samples[current];
            sample.reset(timeMs);
        }
        update(sample, value);
        sample.eventCount++;
    }

    private Sample current(MetricConfig config, long timeMs) {
        if (samples == null || samples.length != config.samples()) {
            samples = new Sample[config.samples()];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = new Sample(initialValue, timeMs);
            }
            current = 0;
        }
        return samples[current];
    }

    @Override
    public double measure(MetricConfig config, long nowMs) {
        current(config, nowMs);
        purgeObsolete(config, nowMs);
        return combine(samples, config, nowMs);
    }

    /** Start of the oldest window still counted, for rates. */
    long oldestWindowStartMs(MetricConfig config, long nowMs) {
        current(config, nowMs);
        purgeObsolete(config, nowMs);
        long oldest = samples[current].windowStartMs;
        for (Sample s : samples) {
            if (s.windowStartMs < oldest) {
                oldest = s.windowStartMs;
            }
        }
        return oldest;
    }

    /** Windows that ended longer than the whole ring ago no longer count. */
    private void purgeObsolete(MetricConfig config, long nowMs) {
        long expireAge = (long) samples.length * config.timeWindowMs();
        for (Sample s : samples) {
            if (nowMs - s.windowStartMs >= expireAge) {
                s.reset(nowMs);
            }
        }
    }

    protected abstract void update(Sample sample, double value);

    protected abstract double combine(Sample[] samples, MetricConfig config, long nowMs);

    /** One window's partial result. */
    protected static final class Sample {
        final double initialValue;
        long windowStartMs;
        long eventCount;
        double value;

        Sample(double initialValue, long nowMs) {
            this.initialValue = initialValue;
            reset(nowMs);
        }

        void reset(long nowMs) {
            windowStartMs = nowMs;
            eventCount = 0;
            value = initialValue;
        }

        public long eventCount() {
            return eventCount;
        }

        public double value() {
            return value;
        }

        public void value(double v) {
            value = v;
        }
    }
}
