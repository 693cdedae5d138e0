package io.strand.clients.consumer.internals;

import io.strand.common.metrics.Metrics;
import io.strand.common.metrics.Sensor;
import io.strand.common.metrics.stats.Avg;
import io.strand.common.metrics.stats.CumulativeSum;
import io.strand.common.metrics.stats.Max;
import io.strand.common.metrics.stats.Rate;
import io.strand.common.metrics.stats.WindowedCount;

/**
 * The consumer's sensors, under Apache's group and metric names
 * (consumer-fetch-manager-metrics, consumer-coordinator-metrics), tagged with client-id.
 */
public final class ConsumerMetrics {

    public static final String FETCH_GROUP = "consumer-fetch-manager-metrics";
    public static final String COORDINATOR_GROUP = "consumer-coordinator-metrics";
    public static final String CONSUMER_GROUP = "consumer-metrics";

    final Sensor recordsConsumed;
    final Sensor bytesConsumed;
    final Sensor fetchLatency;
    final Sensor recordsLag;
    final Sensor commitLatency;
    final Sensor rebalanceLatency;
    final Sensor pollIdle;

    public ConsumerMetrics(Metrics metrics, String clientId) {
        String[] tags = {"client-id", clientId};
        recordsConsumed = metrics.sensor("records-consumed");
        recordsConsumed.add(metrics.metricName("records-consumed-rate", FETCH_GROUP,
            "The average number of records consumed per second", tags), new Rate());
        recordsConsumed.add(metrics.metricName("records-consumed-total", FETCH_GROUP,
            "The total number of records consumed", tags), new CumulativeSum());
        bytesConsumed = metrics.sensor("bytes-consumed");
        bytesConsumed.add(metrics.metricName("bytes-consumed-rate", FETCH_GROUP,
            "The average number of bytes consumed per second", tags), new Rate());
        bytesConsumed.add(metrics.metricName("bytes-consumed-total", FETCH_GROUP,
            "The total number of bytes consumed", tags), new CumulativeSum());
        fetchLatency = metrics.sensor("fetch-latency");
        fetchLatency.add(metrics.metricName("fetch-latency-avg", FETCH_GROUP,
            "The average time taken for a fetch request", tags), new Avg());
        fetchLatency.add(metrics.metricName("fetch-latency-max", FETCH_GROUP,
            "The max time taken for any fetch request", tags), new Max());
        fetchLatency.add(metrics.metricName("fetch-rate", FETCH_GROUP,
            "The number of fetch requests per second", tags), new Rate(new WindowedCount()));
        recordsLag = metrics.sensor("records-lag");
        recordsLag.add(metrics.metricName("records-lag-max", FETCH_GROUP,
            "The maximum lag in terms of number of records for any partition in this window", tags), new Max());
        commitLatency = metrics.sensor("commit-latency");
        commitLatency.add(metrics.metricName("commit-latency-avg", COORDINATOR_GROUP,
            "The average time taken for a commit request", tags), new Avg());
        commitLatency.add(metrics.metricName("commit-latency-max", COORDINATOR_GROUP,
            "The max time taken for a commit request", tags), new Max());
        commitLatency.add(metrics.metricName("commit-rate", COORDINATOR_GROUP,
            "The number of commit calls per second", tags), new Rate(new WindowedCount()));
        rebalanceLatency = metrics.sensor("rebalance-latency");
        rebalanceLatency.add(metrics.metricName("rebalance-latency-avg", COORDINATOR_GROUP,
            "The average time taken for a group to complete a rebalance", tags), new Avg());
        rebalanceLatency.add(metrics.metricName("rebalance-total", COORDINATOR_GROUP,
            "The total number of rebalance events", tags), new CumulativeSum());
        pollIdle = metrics.sensor("poll-idle-ratio");
        pollIdle.add(metrics.metricName("poll-idle-ratio-avg", CONSUMER_GROUP,
            "The average fraction of time the consumer's poll() is idle as opposed to waiting for the user "
                + "code to process records", tags), new Avg());
    }
}
