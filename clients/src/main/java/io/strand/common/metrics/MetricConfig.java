package io.strand.common.metrics;

import java.util.Map;

/** How windowed stats sample (how many samples, how long each) and the tags every metric name gets by default. */
public final class MetricConfig {

    private int samples = 2;
    private long timeWindowMs = 30_000L;
    private Map<String, String> tags = Map.of();

    public int samples() {
        return samples;
    }

    public MetricConfig samples(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("The number of samples must be at least 1, not " + samples);
        }
        this.samples = samples;
        return this;
    }

    public long timeWindowMs() {
        return timeWindowMs;
    }

    public MetricConfig timeWindowMs(long timeWindowMs) {
        if (timeWindowMs < 1) {
            throw new IllegalArgumentException("The sample window must be at least 1 ms, not " + timeWindowMs);
        }
        this.timeWindowMs = timeWindowMs;
        return this;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public MetricConfig tags(Map<String, String> tags) {
        this.tags = Map.copyOf(tags);
        return this;
    }
}
