package io.strand.clients.producer;

import io.netty.buffer.PooledByteBufAllocator;
import io.strand.clients.internals.metadata.Metadata;
import io.strand.clients.internals.network.NetworkClient;
import io.strand.clients.internals.network.NetworkConfig;
import io.strand.clients.producer.internals.BufferPool;
import io.strand.clients.producer.internals.BuiltInPartitioner;
import io.strand.clients.producer.internals.IdempotenceManager;
import io.strand.clients.producer.internals.ProducerInterceptors;
import io.strand.clients.producer.internals.RecordAccumulator;
import io.strand.clients.producer.internals.RecordFuture;
import io.strand.clients.producer.internals.Sender;
import io.strand.clients.producer.internals.SenderMetrics;
import io.strand.common.Cluster;
import io.strand.common.KafkaException;
import io.strand.common.Metric;
import io.strand.common.MetricName;
import io.strand.common.PartitionInfo;
import io.strand.common.TopicPartition;
import io.strand.common.config.ConfigException;
import io.strand.common.errors.ApiException;
import io.strand.common.errors.InterruptException;
import io.strand.common.errors.RecordTooLargeException;
import io.strand.common.errors.SerializationException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.header.Header;
import io.strand.common.header.Headers;
import io.strand.common.header.internals.RecordHeaders;
import io.strand.common.metrics.MetricConfig;
import io.strand.common.metrics.Metrics;
import io.strand.common.record.RecordBatch;
import io.strand.common.serialization.Serializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka producer, with the API of Apache's {@code KafkaProducer}: thread-safe, one instance is
 * meant to be shared by every thread that sends.
 *
 * <p>{@code send} runs on the caller's thread: the interceptors' {@code onSend}, metadata for the
 * topic (waiting at most {@code max.block.ms}), the serializers, the partition (an explicit one,
 * {@code partitioner.class}, or murmur2 of the key as in Apache Kafka, or uniform sticky batching
 * for records without a key), then the record is encoded straight into its partition's open
 * batch. One sender thread, which is also the network thread, sends batches, compresses each
 * once, groups them by leader, retries within {@code delivery.timeout.ms}, and completes the
 * futures and callbacks. As with Apache's producer, callbacks run on that thread: keep them
 * short, and do not block in them.
 *
 * <pre>
 *   Properties props = new Properties();
 *   props.put("bootstrap.servers", "localhost:9092");
 *   props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
 *   props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
 *   try (Producer&lt;String, String&gt; producer = new KafkaProducer&lt;&gt;(props)) {
 *       producer.send(new ProducerRecord&lt;&gt;("my-topic", "key", "value"));
 *   }
 * </pre>
 *
 * The Apache class names above are accepted: they stand for Strand's serializers.
 */
public class KafkaProducer<K, V> implements Producer<K, V> {

    private static final Logger log = LoggerFactory.getLogger(KafkaProducer.class);

    /** The prefix of the name of the sender thread, which is the network thread; the client id follows. */
    public static final String NETWORK_THREAD_PREFIX = "strand-producer-network-thread";
    public static final String PRODUCER_METRIC_GROUP_NAME = SenderMetrics.GROUP;

    private final ProducerConfig config;
    private final String clientId;
    private final Metrics metrics;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Partitioner partitioner;
    private final boolean partitionerIgnoreKeys;
    private final ProducerInterceptors<K, V> interceptors;
    private final int maxRequestSize;
    private final long totalMemorySize;
    private final long maxBlockTimeMs;
    private final NetworkClient client;
    private final Metadata metadata;
    private final RecordAccumulator accumulator;
    private final SenderMetrics senderMetrics;
    private final Sender sender;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A producer from a configuration map; key.serializer and value.serializer must be in it. */
    public KafkaProducer(Map<String, Object> configs) {
        this(configs, null, null);
    }

    /** A producer with serializer instances, which the producer does not configure. */
    public KafkaProducer(Map<String, Object> configs, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(new ProducerConfig(ProducerConfig.appendSerializers(configs, keySerializer, valueSerializer)),
            keySerializer, valueSerializer);
    }

    /** A producer from properties, for example a file read with {@link Properties#load}. */
    public KafkaProducer(Properties properties) {
        this(properties, null, null);
    }

    public KafkaProducer(Properties properties, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(ProducerConfig.propsToMap(properties), keySerializer, valueSerializer);
    }

    @SuppressWarnings("unchecked")
    KafkaProducer(ProducerConfig config, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this.config = config;
        this.clientId = config.getString(ProducerConfig.CLIENT_ID_CONFIG);
        Map<String, Object> clientIdOverride = Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        List<AutoCloseable> created = new ArrayList<>();
        try {
            this.metrics = new Metrics(new MetricConfig()
                .samples(config.getInt(ProducerConfig.METRICS_NUM_SAMPLES_CONFIG))
                .timeWindowMs(config.getLong(ProducerConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG))
                .tags(Map.of("client-id", clientId)));
            created.add(metrics);
            this.partitioner = config.getConfiguredInstance(ProducerConfig.PARTITIONER_CLASS_CONFIG,
                Partitioner.class, clientIdOverride);
            if (partitioner != null) {
                created.add(partitioner);
            }
            this.partitionerIgnoreKeys = config.getBoolean(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG);
            if (!config.getBoolean(ProducerConfig.PARTITIONER_ADPATIVE_PARTITIONING_ENABLE_CONFIG)) {
                log.debug("partitioner.adaptive.partitioning.enable=false: the built-in partitioner is never adaptive");
            }
            if (keySerializer == null) {
                this.keySerializer = config.getConfiguredInstance(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    Serializer.class);
                created.add(this.keySerializer);
                this.keySerializer.configure(config.originals(clientIdOverride), true);
            } else {
                this.keySerializer = keySerializer;
            }
            if (valueSerializer == null) {
                this.valueSerializer = config.getConfiguredInstance(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    Serializer.class);
                created.add(this.valueSerializer);
                this.valueSerializer.configure(config.originals(clientIdOverride), false);
            } else {
                this.valueSerializer = valueSerializer;
            }
            List<ProducerInterceptor<K, V>> list = new ArrayList<>();
            for (ProducerInterceptor<?, ?> i : config.getConfiguredInstances(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
                ProducerInterceptor.class, clientIdOverride)) {
                created.add(i);
                list.add((ProducerInterceptor<K, V>) i);
            }
            this.interceptors = new ProducerInterceptors<>(list);
            this.maxRequestSize = config.getInt(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
            this.totalMemorySize = config.getLong(ProducerConfig.BUFFER_MEMORY_CONFIG);
            this.maxBlockTimeMs = config.getLong(ProducerConfig.MAX_BLOCK_MS_CONFIG);
            IdempotenceManager idempotence = config.idempotenceEnabled() ? new IdempotenceManager() : null;
            long retryBackoffMs = config.getLong(ProducerConfig.RETRY_BACKOFF_MS_CONFIG);
            long retryBackoffMaxMs = config.getLong(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG);
            int deliveryTimeoutMs = config.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
            BufferPool pool = new BufferPool(totalMemorySize, PooledByteBufAllocator.DEFAULT);
            this.client = new NetworkClient(NetworkConfig.from(config, clientId), NETWORK_THREAD_PREFIX + " | " + clientId);
            created.add(client);
            this.metadata = Metadata.create(client, config, true);
            created.add(metadata);
            this.accumulator = new RecordAccumulator(config.getInt(ProducerConfig.BATCH_SIZE_CONFIG),
                config.getLong(ProducerConfig.LINGER_MS_CONFIG), deliveryTimeoutMs, retryBackoffMs, retryBackoffMaxMs,
                config.compression(), pool, idempotence, this::wakeupSender);
            this.senderMetrics = new SenderMetrics(metrics, pool, this::inFlightRequests);
            this.sender = new Sender(client, metadata, accumulator, idempotence, interceptors, senderMetrics,
                config.acks(), maxRequestSize, config.getInt(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG),
                config.getInt(ProducerConfig.RETRIES_CONFIG),
                config.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), retryBackoffMs, retryBackoffMaxMs,
                deliveryTimeoutMs);
            sender.start();
            log.debug("Kafka producer {} started", clientId);
        } catch (Throwable t) {
            for (int i = created.size() - 1; i >= 0; i--) {
                closeQuietly(created.get(i), "after a failed construction");
            }
            if (t instanceof ConfigException) {
                throw (ConfigException) t;
            }
            throw new KafkaException("Failed to construct kafka producer: " + t.getMessage(), t);
        }
    }

    private void wakeupSender() {
        Sender s = sender;
        if (s != null) {
            s.wakeup();
        }
    }

    private int inFlightRequests() {
        Sender s = sender;
        return s == null ? 0 : s.inFlightRequests();
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        ProducerRecord<K, V> intercepted = interceptors.onSend(record);
        return doSend(intercepted, callback);
    }

    private CompletableFuture<RecordMetadata> doSend(ProducerRecord<K, V> record, Callback callback) {
        int partition = RecordMetadata.UNKNOWN_PARTITION;
        RecordFuture future = null;
        try {
            throwIfClosed();
            RuntimeException fatal = sender.fatalError();
            if (fatal != null) {
                throw new KafkaException("Cannot perform send because at least one previous transactional or "
                    + "idempotent request has failed with errors.", fatal);
            }
            long startNanos = System.nanoTime();
            // A callback runs on the network thread, the one that fetches metadata and frees memory:
            // a send from it cannot wait for either, so it fails at once instead of for max.block.ms.
            boolean fromCallback = client.inNetworkThread();
            long blockMs = fromCallback ? 0 : maxBlockTimeMs;
            Cluster cluster = fromCallback ? metadataWithoutWaiting(record.topic(), record.partition())
                : waitOnMetadata(record.topic(), record.partition(), blockMs);
            long remainingMs = Math.max(0, blockMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            byte[] serializedKey = serializeKey(record);
            byte[] serializedValue = serializeValue(record);
            partition = partition(record, serializedKey, serializedValue, cluster);
            Headers headers = record.headers();
            if (headers instanceof RecordHeaders) {
                ((RecordHeaders) headers).setReadOnly();
            }
            Header[] headerArray = headers.toArray();
            ensureValidRecordSize(RecordAccumulator.sizeUpperBound(serializedKey, serializedValue, headerArray));
            long timestamp = record.timestamp() == null ? System.currentTimeMillis() : record.timestamp();
            future = new RecordFuture(callback, headers, timestamp, serializedKey == null ? -1 : serializedKey.length,
                serializedValue == null ? -1 : serializedValue.length);
            try {
                partition = accumulator.append(record.topic(), partition, timestamp, serializedKey, serializedValue,
                    headerArray, future, remainingMs, Sender.nowMs(), cluster);
            } catch (BufferExhaustedException e) {
                throw fromCallback ? memoryFullInCallback(record.topic()) : e;
            }
            return future;
        } catch (ApiException e) {
            log.debug("Exception occurred during message send:", e);
            if (e instanceof BufferExhaustedException) {
                senderMetrics.recordBufferExhausted();
            } else {
                senderMetrics.recordSendError();
            }
            RecordFuture failed = future != null ? future
                : new RecordFuture(callback, record.headers(), RecordBatch.NO_TIMESTAMP, -1, -1);
            failed.fail(new TopicPartition(record.topic(), partition), e, interceptors);
            return failed;
        } catch (InterruptedException e) {
            senderMetrics.recordSendError();
            interceptors.onSendError(record, new TopicPartition(record.topic(), partition), e);
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (RuntimeException e) {
            if (senderMetrics != null) {
                senderMetrics.recordSendError();
            }
            interceptors.onSendError(record, new TopicPartition(record.topic(), partition), e);
            throw e;
        }
    }

    private byte[] serializeKey(ProducerRecord<K, V> record) {
        try {
            return keySerializer.serialize(record.topic(), record.headers(), record.key());
        } catch (ClassCastException e) {
            throw new SerializationException("Can't convert key of class " + record.key().getClass().getName()
                + " to class " + config.getClass(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG).getName()
                + " specified in key.serializer", e);
        }
    }

    private byte[] serializeValue(ProducerRecord<K, V> record) {
        try {
            return valueSerializer.serialize(record.topic(), record.headers(), record.value());
        } catch (ClassCastException e) {
            throw new SerializationException("Can't convert value of class " + record.value().getClass().getName()
                + " to class " + config.getClass(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG).getName()
                + " specified in value.serializer", e);
        }
    }

    /**
     * Metadata that knows the topic (and the record's partition, if it names one), waiting up to
     * {@code maxWaitMs}. The common case, a known topic, reads the current snapshot and allocates nothing.
     */
    private Cluster waitOnMetadata(String topic, Integer partition, long maxWaitMs) throws InterruptedException {
        Cluster cluster = metadata.fetch();
        Integer count = cluster.partitionCountForTopic(topic);
        if (count != null && count > 0 && (partition == null || partition < count)) {
            return cluster;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        cluster = metadata.awaitTopic(topic, maxWaitMs, ProducerConfig.MAX_BLOCK_MS_CONFIG);
        if (partition == null) {
            return cluster;
        }
        while (partition >= cluster.partitionCountForTopic(topic)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new TimeoutException("Partition " + partition + " of topic " + topic + " with partition count "
                    + cluster.partitionCountForTopic(topic) + " is not present in metadata after " + maxWaitMs
                    + " ms (max.block.ms).");
            }
            try {
                cluster = metadata.awaitUpdate(metadata.updateVersion(), TimeUnit.NANOSECONDS.toMillis(remaining) + 1)
                    .get(remaining, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                cluster = metadata.fetch();
            }
        }
        return cluster;
    }

    /** For a send from a callback: the metadata it needs must be there already. */
    private Cluster metadataWithoutWaiting(String topic, Integer partition) throws InterruptedException {
        try {
            return waitOnMetadata(topic, partition, 0);
        } catch (TimeoutException e) {
            throw new TimeoutException(callbackCannotWait(topic, "metadata") + e.getMessage() + " Send to topic "
                + topic + " from another thread first, or hand the send to another thread.", e);
        }
    }

    /** For a send from a callback when every byte of buffer.memory is held by records not yet sent. */
    private BufferExhaustedException memoryFullInCallback(String topic) {
        return new BufferExhaustedException(callbackCannotWait(topic, "memory") + "the " + totalMemorySize
            + " bytes of buffer.memory are held by records not yet sent, and only that thread can send them. Hand"
            + " the send to another thread, or raise buffer.memory.");
    }

    private static String callbackCannotWait(String topic, String what) {
        return "send() to topic " + topic + " was called from a callback, which runs on the producer's network thread"
            + " and cannot wait for " + what + ": ";
    }

    /** The record's partition, or -1 for the accumulator's sticky choice. */
    private int partition(ProducerRecord<K, V> record, byte[] keyBytes, byte[] valueBytes, Cluster cluster) {
        if (record.partition() != null) {
            return record.partition();
        }
        if (partitioner != null) {
            int p = partitioner.partition(record.topic(), record.key(), keyBytes, record.value(), valueBytes, cluster);
            int count = cluster.partitionCountForTopic(record.topic());
            if (p < 0 || p >= count) {
                throw new IllegalArgumentException("The partitioner generated an invalid partition number: " + p
                    + ". Partition number should always be non-negative and less than the number of partitions ("
                    + count + ").");
            }
            return p;
        }
        if (keyBytes != null && !partitionerIgnoreKeys) {
            return BuiltInPartitioner.partitionForKey(keyBytes, cluster.partitionCountForTopic(record.topic()));
        }
        return RecordMetadata.UNKNOWN_PARTITION;
    }

    private void ensureValidRecordSize(int size) {
        if (size > maxRequestSize) {
            throw new RecordTooLargeException("The message is " + size + " bytes when serialized which is larger "
                + "than " + maxRequestSize + ", which is the value of the max.request.size configuration.");
        }
        if (size > totalMemorySize) {
            throw new RecordTooLargeException("The message is " + size + " bytes when serialized which is larger "
                + "than the total memory buffer you have configured with the buffer.memory configuration ("
                + totalMemorySize + ").");
        }
    }

    private void throwIfClosed() {
        if (closed.get() || !sender.isRunning()) {
            throw new IllegalStateException("Cannot perform operation after producer has been closed");
        }
    }

    @Override
    public void flush() {
        if (client.inNetworkThread()) {
            String message = "KafkaProducer.flush() invocation inside a callback is not permitted because it may "
                + "lead to deadlock.";
            log.error(message);
            throw new KafkaException(message);
        }
        accumulator.beginFlush();
        try {
            accumulator.awaitFlushCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException("Flush interrupted.", e);
        }
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        Objects.requireNonNull(topic, "topic cannot be null");
        throwIfClosed();
        try {
            return waitOnMetadata(topic, null, maxBlockTimeMs).partitionsForTopic(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return Collections.unmodifiableMap(metrics.metrics());
    }

    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Override
    public void close(Duration timeout) {
        long timeoutMs = timeout.toMillis();
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("The timeout cannot be negative.");
        }
        boolean fromCallback = client.inNetworkThread();
        if (fromCallback && timeoutMs > 0) {
            log.warn("Overriding close timeout {} ms to 0 ms in order to prevent useless blocking due to self-join. "
                + "This means you have incorrectly invoked close with a non-zero timeout from the producer call-back.",
                timeoutMs);
            timeoutMs = 0;
        }
        log.info("Closing the Kafka producer {} with timeoutMillis = {} ms.", clientId, timeoutMs);
        boolean first = closed.compareAndSet(false, true);
        sender.initiateClose();
        try {
            boolean done = timeoutMs > 0 && sender.awaitTermination(timeoutMs);
            if (!done) {
                if (timeoutMs > 0) {
                    log.info("Proceeding to force close the producer since pending requests could not be completed "
                        + "within timeout {} ms.", timeoutMs);
                }
                sender.forceClose();
                if (!fromCallback) {
                    sender.awaitTermination(Long.MAX_VALUE);
                }
            }
            if (!fromCallback) {
                // The sender closed the network client from its thread; wait for that thread to end.
                client.close();
            }
        } catch (InterruptedException e) {
            sender.forceClose();
            Thread.currentThread().interrupt();
            throw new InterruptException("Interrupted while closing the producer", e);
        } finally {
            if (first) {
                interceptors.close();
                closeQuietly(keySerializer, "key serializer");
                closeQuietly(valueSerializer, "value serializer");
                closeQuietly(partitioner, "partitioner");
                metrics.close();
                log.debug("Kafka producer {} has been closed", clientId);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c, String what) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.error("Failed to close {} {}", c.getClass().getName(), what, e);
        }
    }

    String clientId() {
        return clientId;
    }
}
