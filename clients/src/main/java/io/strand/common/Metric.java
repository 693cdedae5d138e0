package io.strand.common;

/** A named value a client exposes through {@code metrics()}. */
public interface Metric {

    MetricName metricName();

    /** The current value: a Double for measured metrics, any type for gauges. */
    Object metricValue();
}
