package io.strand.common.metrics;

/** What a metric reads its value from: a {@link Measurable} (a double) or a {@link Gauge} (any value). */
public interface MetricValueProvider<T> {
}
