package io.strand.clients.consumer.internals;

import io.strand.common.metrics.MeasurableStat;
import io.strand.common.metrics.Metrics;
import io.strand.common.metrics.Sensor;
import io.strand.common.metrics.stats.Avg;
import io.strand.common.metrics.stats.CumulativeCount;
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
    final Sensor fetchSize;
    final Sensor recordsPerRequest;
    final Sensor recordsLag;
    final Sensor commitLatency;
    final Sensor rebalanceLatency;
    final Sensor pollIdle;

    /** One fetch response, once all of it is consumed: its partitions' bytes and the records they gave. */
    void recordFetched(long bytes, int records) {
        fetchSize.record(bytes);
        recordsPerRequest.record(records);
    }

    /** The fraction of time between two poll returns that the application spent inside poll. */
    public void recordPollIdleRatio(double ratio) {
        pollIdle.record(ratio);
    }

    public ConsumerMetrics(Metrics metrics, String clientId) {
        Sensors f = new Sensors(metrics, FETCH_GROUP, clientId);
        recordsConsumed = f.sensor("records-consumed",
            "records-consumed-rate", "The average number of records consumed per second", new Rate(),
            "records-consumed-total", "The total number of records consumed", new CumulativeSum());
        bytesConsumed = f.sensor("bytes-consumed",
            "bytes-consumed-rate", "The average number of bytes consumed per second", new Rate(),
            "bytes-consumed-total", "The total number of bytes consumed", new CumulativeSum());
        fetchLatency = f.sensor("fetch-latency",
            "fetch-latency-avg", "The average time taken for a fetch request", new Avg(),
            "fetch-latency-max", "The max time taken for any fetch request", new Max(),
            "fetch-rate", "The number of fetch requests per second", new Rate(new WindowedCount()),
            "fetch-total", "The total number of fetch requests", new CumulativeCount());
        fetchSize = f.sensor("fetch-size",
            "fetch-size-avg", "The average number of bytes fetched per request", new Avg(),
            "fetch-size-max", "The maximum number of bytes fetched per request", new Max());
        recordsPerRequest = f.sensor("records-per-request",
            "records-per-request-avg", "The average number of records in each request", new Avg());
        recordsLag = f.sensor("records-lag",
            "records-lag-max", "The maximum lag in terms of number of records for any partition in this window",
            new Max());
        Sensors c = new Sensors(metrics, COORDINATOR_GROUP, clientId);
        commitLatency = c.sensor("commit-latency",
            "commit-latency-avg", "The average time taken for a commit request", new Avg(),
            "commit-latency-max", "The max time taken for a commit request", new Max(),
            "commit-rate", "The number of commit calls per second", new Rate(new WindowedCount()));
        rebalanceLatency = c.sensor("rebalance-latency",
            "rebalance-latency-avg", "The average time taken for a group to complete a rebalance", new Avg(),
            "rebalance-total", "The total number of rebalance events", new CumulativeCount());
        pollIdle = new Sensors(metrics, CONSUMER_GROUP, clientId).sensor("poll-idle-ratio",
            "poll-idle-ratio-avg", "The average fraction of time the consumer's poll() is idle as opposed to "
                + "waiting for the user code to process records", new Avg());
    }

    /** Builds sensors of one metric group, each with (name, description, stat) triples. */
    private static final class Sensors {
        private final Metrics metrics;
        private final String group;
        private final String clientId;

        Sensors(Metrics metrics, String group, String clientId) {
            this.metrics = metrics;
            this.group = group;
            this.clientId = clientId;
        }

        Sensor sensor(String sensorName, Object... nameDescriptionStat) {
            Sensor sensor = metrics.sensor(sensorName);
            for (int i = 0; i < nameDescriptionStat.length; i += 3) {
                sensor.add(metrics.metricName((String) nameDescriptionStat[i], group, (String) nameDescriptionStat[i + 1],
                    "client-id", clientId), (MeasurableStat) nameDescriptionStat[i + 2]);
            }
            return sensor;
        }
    }
}
