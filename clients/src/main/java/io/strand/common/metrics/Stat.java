package io.strand.common.metrics;

/** Something that takes recorded values. Implementations need not be thread-safe: their sensor locks. */
public interface Stat {

    /** Records one value; must not allocate, it runs per request and sometimes per record. */
    void record(MetricConfig config, double value, long timeMs);
}
