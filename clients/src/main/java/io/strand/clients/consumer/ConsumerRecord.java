package io.strand.clients.consumer;

import io.strand.common.header.Headers;
import io.strand.common.header.internals.RecordHeaders;
import io.strand.common.record.RecordBatch;
import io.strand.common.record.TimestampType;
import java.util.Optional;

/**
 * A record read from Kafka: topic, partition and offset, the deserialized key and value, the
 * timestamp and the headers. Mirrors Apache Kafka's {@code ConsumerRecord}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class ConsumerRecord<K, V> {

    public static final long NO_TIMESTAMP = RecordBatch.NO_TIMESTAMP;
    public static final int NULL_SIZE = -1;

    private final String topic;
    private final int partition;
    private final long offset;
    private final long timestamp;
    private final TimestampType timestampType;
    private final int serializedKeySize;
    private final int serializedValueSize;
    private final Headers headers;
    private final K key;
    private final V value;
    private final Optional<Integer> leaderEpoch;
    private final Optional<Short> deliveryCount;

    /** A record without timestamp, sizes or headers, as tests and interceptors build them. */
    public ConsumerRecord(String topic, int partition, long offset, K key, V value) {
        this(topic, partition, offset, NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, NULL_SIZE, NULL_SIZE, key, value,
            new RecordHeaders(), Optional.empty());
    }

    public ConsumerRecord(String topic, int partition, long offset, long timestamp, TimestampType timestampType,
                          int serializedKeySize, int serializedValueSize, K key, V value, Headers headers,
                          Optional<Integer> leaderEpoch) {
        this(topic, partition, offset, timestamp, timestampType, serializedKeySize, serializedValueSize, key, value,
            headers, leaderEpoch, Optional.empty());
    }

    public ConsumerRecord(String topic, int partition, long offset, long timestamp, TimestampType timestampType,
                          int serializedKeySize, int serializedValueSize, K key, V value, Headers headers,
                          Optional<Integer> leaderEpoch, Optional<Short> deliveryCount) {
        if (topic == null) {
            throw new IllegalArgumentException("Topic cannot be null");
        }
        if (headers == null) {
            throw new IllegalArgumentException("Headers cannot be null");
        }
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.timestampType = timestampType;
        this.serializedKeySize = serializedKeySize;
        this.serializedValueSize = serializedValueSize;
        this.key = key;
        this.value = value;
        this.headers = headers;
        this.leaderEpoch = leaderEpoch;
        this.deliveryCount = deliveryCount;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public Headers headers() {
        return headers;
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    public TimestampType timestampType() {
        return timestampType;
    }

    /** The size of the key as stored, or {@link #NULL_SIZE} for a null key. */
    public int serializedKeySize() {
        return serializedKeySize;
    }

    /** The size of the value as stored, or {@link #NULL_SIZE} for a null value. */
    public int serializedValueSize() {
        return serializedValueSize;
    }

    /** The leader epoch of the batch the record came in, if the broker stored one. */
    public Optional<Integer> leaderEpoch() {
        return leaderEpoch;
    }

    /** How often a share group delivered this record; empty for ordinary consumers. */
    public Optional<Short> deliveryCount() {
        return deliveryCount;
    }

    @Override
    public String toString() {
        return "ConsumerRecord(topic = " + topic
            + ", partition = " + partition
            + ", leaderEpoch = " + leaderEpoch.orElse(null)
            + ", offset = " + offset
            + ", " + timestampType + " = " + timestamp
            + ", deliveryCount = " + deliveryCount.orElse(null)
            + ", serialized key size = " + serializedKeySize
            + ", serialized value size = " + serializedValueSize
            + ", headers = " + headers
            + ", key = " + key
            + ", value = " + value + ")";
    }
}
