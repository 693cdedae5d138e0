package io.strand.common.metrics.stats;

import io.strand.common.metrics.MeasurableStat;
import io.strand.common.metrics.MetricConfig;
import java.util.concurrent.TimeUnit;

/**
 * Recorded values (or, with a {@link WindowedCount}, occurrences) per unit of time, by default
 * per second, over the sample windows. The elapsed time is measured from the start of the
 * oldest window but is never taken as less than all windows but one, so a rate read right
 * after the first record is not inflated by a tiny denominator.
 */
public class Rate implements MeasurableStat {

    private final TimeUnit unit;
    private final SampledStat stat;

    public Rate() {
        this(TimeUnit.SECONDS);
    }

    public Rate(TimeUnit unit) {
        this(unit, new WindowedSum());
    }

    public Rate(SampledStat stat) {
        this(TimeUnit.SECONDS, stat);
    }

    public Rate(TimeUnit unit, SampledStat stat) {
        this.unit = unit;
        this.stat = stat;
    }

    @Override
    public void record(MetricConfig config, double value, long timeMs) {
        stat.record(config, value, timeMs);
    }

    @Override
    public double measure(MetricConfig config, long nowMs) {
        double value = stat.measure(config, nowMs);
        return value / convert(windowSizeMs(config, nowMs));
    }

    long windowSizeMs(MetricConfig config, long nowMs) {
        long elapsed = nowMs - stat.oldestWindowStartMs(config, nowMs);
        long minimum = (config.samples() - 1) * config.timeWindowMs();
        return Math.max(Math.max(elapsed, minimum), 1);
    }

    private double convert(long ms) {
        switch (unit) {
            case NANOSECONDS:
                return ms * 1_000_000.0;
            case MICROSECONDS:
                return ms * 1000.0;
            case MILLISECONDS:
                return ms;
            case SECONDS:
                return ms / 1000.0;
            case MINUTES:
                return ms / 60_000.0;
            case HOURS:
                return ms / 3_600_000.0;
            case DAYS:
                return ms / 86_400_000.0;
            default:
                throw new IllegalStateException("Unknown unit " + unit);
        }
    }
}
