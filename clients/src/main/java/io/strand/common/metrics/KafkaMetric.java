package io.strand.common.metrics;

import io.strand.common.Metric;
import io.strand.common.MetricName;
import java.util.function.LongSupplier;

/** A registered metric: its name, and the stat or gauge it reads under its sensor's lock. */
public final class KafkaMetric implements Metric {

    private final Object lock;
    private final MetricName metricName;
    private final MetricValueProvider<?> valueProvider;
    private final MetricConfig config;
    private final LongSupplier clockMs;

    KafkaMetric(Object lock, MetricName metricName, MetricValueProvider<?> valueProvider, MetricConfig config,
                LongSupplier clockMs) {
        if (!(valueProvider instanceof Measurable) && !(valueProvider instanceof Gauge)) {
            throw new IllegalArgumentException("Unsupported metric value provider of class " + valueProvider.getClass());
        }
        this.lock = lock;
        this.metricName = metricName;
        this.valueProvider = valueProvider;
        this.config = config;
        this.clockMs = clockMs;
    }

    @Override
    public MetricName metricName() {
        return metricName;
    }

    public MetricConfig config() {
        return config;
    }

    @Override
    public Object metricValue() {
        return metricValue(clockMs.getAsLong());
    }

    /** The value as of {@code nowMs}. */
    public Object metricValue(long nowMs) {
        synchronized (lock) {
            if (valueProvider instanceof Measurable) {
                return ((Measurable) valueProvider).measure(config, nowMs);
            }
            return ((Gauge<?>) valueProvider).value(config, nowMs);
        }
    }

    /** The stat behind the metric; fails for a gauge. */
    public Measurable measurable() {
        if (valueProvider instanceof Measurable) {
            return (Measurable) valueProvider;
        }
        throw new IllegalStateException("Metric " + metricName + " is a gauge, not a measurable");
    }

    @Override
    public String toString() {
        return metricName + " = " + metricValue();
    }
}
