package io.strand.common.metrics;

/** A value read on demand, such as the free bytes of a buffer pool. */
@FunctionalInterface
public interface Gauge<T> extends MetricValueProvider<T> {

    T value(MetricConfig config, long nowMs);
}
