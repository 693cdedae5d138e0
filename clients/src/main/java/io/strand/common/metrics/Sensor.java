package io.strand.common.metrics;

import io.strand.common.MetricName;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A point in the code where values are recorded (a batch's size, a request's latency), feeding
 * one or more stats, each registered as a metric. Recording takes the sensor's lock, loops over
 * an array of stats and allocates nothing; parents record the same value after the child.
 */
public final class Sensor {

    private static final Stat[] NO_STATS = new Stat[0];

    private final Metrics registry;
    private final String name;
    private final Sensor[] parents;
    private final MetricConfig config;
    private final LongSupplier clockMs;
    private volatile Stat[] stats = NO_STATS;

    Sensor(Metrics registry, String name, Sensor[] parents, MetricConfig config, LongSupplier clockMs) {
        this.registry = registry;
        this.name = name;
        this.parents = parents == null ? new Sensor[0] : parents.clone();
        this.config = config;
        this.clockMs = clockMs;
        for (Sensor parent : this.parents) {
            if (parent.isAncestorOrSelf(this)) {
                throw new IllegalArgumentException("Sensor " + name + " would be its own ancestor");
            }
        }
    }

    private boolean isAncestorOrSelf(Sensor s) {
        if (this == s) {
            return true;
        }
        for (Sensor p : parents) {
            if (p.isAncestorOrSelf(s)) {
                return true;
            }
        }
        return false;
    }

    public String name() {
        return name;
    }

    /** Records an occurrence: the value 1. */
    public void record() {
        record(1.0, clockMs.getAsLong());
    }

    public void record(double value) {
        record(value, clockMs.getAsLong());
    }

    public void record(double value, long timeMs) {
        synchronized (this) {
            for (Stat stat : stats) {
                stat.record(config, value, timeMs);
            }
        }
        for (Sensor parent : parents) {
            parent.record(value, timeMs);
        }
    }

    /** Adds a stat and registers it as the metric {@code metricName}; false if that name is already registered. */
    public boolean add(MetricName metricName, MeasurableStat stat) {
        return add(metricName, stat, config);
    }

    public synchronized boolean add(MetricName metricName, MeasurableStat stat, MetricConfig statConfig) {
        if (registry.metric(metricName) != null) {
            return false;
        }
        registry.register(new KafkaMetric(this, metricName, stat, statConfig == null ? config : statConfig, clockMs));
        Stat[] next = Arrays.copyOf(stats, stats.length + 1);
        next[next.length - 1] = stat;
        stats = next;
        return true;
    }

    /** Whether any stat has been added. */
    public boolean hasMetrics() {
        return stats.length > 0;
    }

    @Override
    public String toString() {
        return "Sensor(" + name + ")";
    }
}
