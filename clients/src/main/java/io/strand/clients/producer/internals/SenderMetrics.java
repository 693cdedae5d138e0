package io.strand.clients.producer.internals;

import io.strand.common.MetricName;
import io.strand.common.metrics.Gauge;
import io.strand.common.metrics.Metrics;
import io.strand.common.metrics.Sensor;
import io.strand.common.metrics.stats.Avg;
import io.strand.common.metrics.stats.CumulativeSum;
import io.strand.common.metrics.stats.Max;
import io.strand.common.metrics.stats.Rate;
import java.util.function.IntSupplier;

/**
 * The producer's metrics, named as Apache's are (group {@code producer-metrics}). Everything is
 * recorded per batch or per request on the sender thread, never per record on the caller's
 * thread, so that metrics cost the send path nothing.
 */
public final class SenderMetrics {

    public static final String GROUP = "producer-metrics";

    final Sensor recordsSent;
    final Sensor recordErrors;
    final Sensor recordRetries;
    final Sensor batchSize;
    final Sensor compressionRate;
    final Sensor queueTime;
    final Sensor requestLatency;
    final Sensor recordsPerRequest;
    final Sensor throttleTime;
    final Sensor bufferExhausted;
    final Sensor batchSplits;

    public SenderMetrics(Metrics metrics, BufferPool pool, IntSupplier requestsInFlight) {
        recordsSent = metrics.sensor("record-send");
        recordsSent.add(name(metrics, "record-send-rate", "The average number of records sent per second."), new Rate());
        recordsSent.add(name(metrics, "record-send-total", "The total number of records sent."), new CumulativeSum());

        recordErrors = metrics.sensor("record-errors");
        recordErrors.add(name(metrics, "record-error-rate",
            "The average per-second number of record sends that resulted in errors."), new Rate());
        recordErrors.add(name(metrics, "record-error-total",
            "The total number of record sends that resulted in errors."), new CumulativeSum());

        recordRetries = metrics.sensor("record-retries");
        recordRetries.add(name(metrics, "record-retry-rate",
            "The average per-second number of retried record sends."), new Rate());
        recordRetries.add(name(metrics, "record-retry-total", "The total number of retried record sends."),
            new CumulativeSum());

        batchSize = metrics.sensor("batch-size");
        batchSize.add(name(metrics, "batch-size-avg", "The average number of bytes sent per partition per request."),
            new Avg());
        batchSize.add(name(metrics, "batch-size-max", "The max number of bytes sent per partition per request."),
            new Max());

        compressionRate = metrics.sensor("compression-rate");
        compressionRate.add(name(metrics, "compression-rate-avg", "The average compression rate of record "
            + "batches, defined as the average ratio of the compressed batch size over the uncompressed size."),
            new Avg());

        queueTime = metrics.sensor("queue-time");
        queueTime.add(name(metrics, "record-queue-time-avg",
            "The average time in ms record batches spent in the send buffer."), new Avg());
        queueTime.add(name(metrics, "record-queue-time-max",
            "The maximum time in ms record batches spent in the send buffer."), new Max());

        requestLatency = metrics.sensor("request-latency");
        requestLatency.add(name(metrics, "request-latency-avg", "The average request latency in ms."), new Avg());
        requestLatency.add(name(metrics, "request-latency-max", "The maximum request latency in ms."), new Max());

        recordsPerRequest = metrics.sensor("records-per-request");
        recordsPerRequest.add(name(metrics, "records-per-request-avg",
            "The average number of records sent per request."), new Avg());

        throttleTime = metrics.sensor("produce-throttle-time");
        throttleTime.add(name(metrics, "produce-throttle-time-avg",
            "The average time in ms a request was throttled by a broker."), new Avg());
        throttleTime.add(name(metrics, "produce-throttle-time-max",
            "The maximum time in ms a request was throttled by a broker."), new Max());

        bufferExhausted = metrics.sensor("buffer-exhausted-records");
        bufferExhausted.add(name(metrics, "buffer-exhausted-rate",
            "The average per-second number of record sends that are dropped due to buffer exhaustion."), new Rate());
        bufferExhausted.add(name(metrics, "buffer-exhausted-total",
            "The total number of record sends that are dropped due to buffer exhaustion."), new CumulativeSum());

        batchSplits = metrics.sensor("batch-split");
        batchSplits.add(name(metrics, "batch-split-rate", "The average number of batch splits per second."),
            new Rate());
        batchSplits.add(name(metrics, "batch-split-total", "The total number of batch splits."),
            new CumulativeSum());

        gauge(metrics, "buffer-total-bytes", "The maximum amount of buffer memory the client can use.",
            (c, now) -> (double) pool.totalMemory());
        gauge(metrics, "buffer-available-bytes",
            "The total amount of buffer memory that is not being used (either unallocated or in the free list).",
            (c, now) -> (double) pool.availableMemory());
        gauge(metrics, "waiting-threads",
            "The number of user threads blocked waiting for buffer memory to enqueue their records.",
            (c, now) -> (double) pool.queued());
        gauge(metrics, "bufferpool-wait-time-ns-total",
            "The total time in nanoseconds an appender waits for space allocation.",
            (c, now) -> (double) pool.waitTimeNanosTotal());
        gauge(metrics, "requests-in-flight",
            "The current number of in-flight requests awaiting a response.",
            (c, now) -> (double) requestsInFlight.getAsInt());
    }

    private static MetricName name(Metrics metrics, String name, String description) {
        return metrics.metricName(name, GROUP, description);
    }

    private static void gauge(Metrics metrics, String name, String description, Gauge<Double> gauge) {
        metrics.addMetric(name(metrics, name, description), gauge);
    }

    /** A send that failed in the caller's thread for want of buffer memory. */
    public void recordBufferExhausted() {
        bufferExhausted.record();
        recordErrors.record();
    }

    /** A send that failed in the caller's thread (serialization, size, metadata). */
    public void recordSendError() {
        recordErrors.record();
    }
}
