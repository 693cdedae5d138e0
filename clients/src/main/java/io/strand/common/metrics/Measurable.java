package io.strand.common.metrics;

/** A numeric value measured at a point in time. */
@FunctionalInterface
public interface Measurable extends MetricValueProvider<Double> {

    double measure(MetricConfig config, long nowMs);
}
