package io.strand.common.metrics;

import io.strand.common.MetricName;
import java.io.Closeable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A client's metrics: sensors by name and metrics by {@link MetricName}. A client exposes
 * {@link #metrics()} as its {@code metrics()}. Registration is rare and thread-safe; reading a
 * value takes the lock of the sensor that records it.
 */
public class Metrics implements Closeable {

    private final MetricConfig config;
    private final LongSupplier clockMs;
    private final ConcurrentHashMap<MetricName, KafkaMetric> metrics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Sensor> sensors = new ConcurrentHashMap<>();
    private final Map<MetricName, KafkaMetric> view = Collections.unmodifiableMap(metrics);

    public Metrics() {
        this(new MetricConfig());
    }

    public Metrics(MetricConfig config) {
        this(config, System::currentTimeMillis);
    }

    /** @param clockMs the wall clock in milliseconds; tests pass a manual one */
    public Metrics(MetricConfig config, LongSupplier clockMs) {
        this.config = config;
        this.clockMs = clockMs;
    }

    public MetricConfig config() {
        return config;
    }

    /** A name with the configured default tags plus {@code tags}. */
    public MetricName metricName(String name, String group, String description, Map<String, String> tags) {
        Map<String, String> all = new HashMap<>(config.tags());
        all.putAll(tags);
        return new MetricName(name, group, description, all);
    }

    public MetricName metricName(String name, String group, String description) {
        return metricName(name, group, description, Map.of());
    }

    /** A name with extra tags given as key, value, key, value... */
    public MetricName metricName(String name, String group, String description, String... keyValue) {
        if (keyValue.length % 2 != 0) {
            throw new IllegalArgumentException("Tags must be key-value pairs");
        }
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < keyValue.length; i += 2) {
            tags.put(keyValue[i], keyValue[i + 1]);
        }
        return metricName(name, group, description, tags);
    }

    /** The sensor of this name, created on first use with the given parents. */
    public Sensor sensor(String name, Sensor... parents) {
        return sensors.computeIfAbsent(name, n -> new Sensor(this, n, parents, config, clockMs));
    }

    public Sensor getSensor(String name) {
        return sensors.get(name);
    }

    public void removeSensor(String name) {
        sensors.remove(name);
    }

    /** Registers a gauge or measurable under {@code name}; fails if the name is taken. */
    public void addMetric(MetricName name, MetricValueProvider<?> provider) {
        register(new KafkaMetric(new Object(), name, provider, config, clockMs));
    }

    /** Registers the metric unless the name is taken; returns the metric registered under the name. */
    public KafkaMetric addMetricIfAbsent(MetricName name, MetricValueProvider<?> provider) {
        return metrics.computeIfAbsent(name, n -> new KafkaMetric(new Object(), n, provider, config, clockMs));
    }

    void register(KafkaMetric metric) {
        if (metrics.putIfAbsent(metric.metricName(), metric) != null) {
            throw new IllegalArgumentException("A metric named '" + metric.metricName() + "' already exists");
        }
    }

    public KafkaMetric removeMetric(MetricName name) {
        return metrics.remove(name);
    }

    public KafkaMetric metric(MetricName name) {
        return metrics.get(name);
    }

    /** A live, read-only view of every registered metric. */
    public Map<MetricName, KafkaMetric> metrics() {
        return view;
    }

    public long nowMs() {
        return clockMs.getAsLong();
    }

    @Override
    public void close() {
        metrics.clear();
        sensors.clear();
    }
}
