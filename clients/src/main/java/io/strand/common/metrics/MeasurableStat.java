package io.strand.common.metrics;

/** A stat that is also a metric's value: it records values and measures a result from them. */
public interface MeasurableStat extends Stat, Measurable {
}
