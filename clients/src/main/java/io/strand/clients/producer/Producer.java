package io.strand.clients.producer;

import io.strand.common.Metric;
import io.strand.common.MetricName;
import io.strand.common.PartitionInfo;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The producer API, as Apache Kafka's {@code Producer} has it, without the transactional methods
 * (initTransactions, beginTransaction, sendOffsetsToTransaction, commitTransaction,
 * abortTransaction) and the KIP-714 telemetry methods, which Strand does not support yet.
 *
 * <p>{@code send} returns a {@link CompletableFuture}, which is still the {@code Future} that
 * Apache's signature promises.
 */
public interface Producer<K, V> extends Closeable {

    /** {@link #send(ProducerRecord, Callback)} without a callback. */
    CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record);

    /**
     * Queues a record for sending and returns at once (unless metadata for the topic or buffer
     * memory is missing, for at most {@code max.block.ms}). The future and the callback complete
     * when the broker acknowledges the record or it fails.
     */
    CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback);

    /** Sends every buffered record now and waits until all sent before the call are completed. */
    void flush();

    /** The partitions of {@code topic}, waiting up to {@code max.block.ms} for its metadata. */
    List<PartitionInfo> partitionsFor(String topic);

    /** The producer's metrics, by name. */
    Map<MetricName, ? extends Metric> metrics();

    /** Delivers what is buffered, then releases everything; waits as long as that takes. */
    @Override
    void close();

    /**
     * Delivers what is buffered for at most {@code timeout}, then fails what is left and
     * releases everything. {@code Duration.ZERO} fails buffered records at once.
     */
    void close(Duration timeout);
}
