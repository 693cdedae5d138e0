package io.strand.clients.producer;

import io.strand.common.header.Header;
import io.strand.common.header.Headers;
import io.strand.common.header.internals.RecordHeaders;
import java.util.Objects;

/**
 * A record to send: topic, optional partition and timestamp, key, value and headers. Without a
 * partition the producer chooses one; without a timestamp it takes the current time.
 */
public class ProducerRecord<K, V> {

    private final String topic;
    private final Integer partition;
    private final Headers headers;
    private final K key;
    private final V value;
    private final Long timestamp;

    /**
     * @param partition the partition, or null to let the partitioner choose
     * @param timestamp milliseconds since the epoch, or null for the time of send
     * @param headers the record's headers, or null; copied
     * @throws IllegalArgumentException for a null topic, a negative partition or timestamp
     */
    public ProducerRecord(String topic, Integer partition, Long timestamp, K key, V value, Iterable<Header> headers) {
        if (topic == null) {
            throw new IllegalArgumentException("Topic cannot be null.");
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException(
                "Invalid timestamp: " + timestamp + ". Timestamp should always be non-negative or null.");
        }
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException(
                "Invalid partition: " + partition + ". Partition number should always be non-negative or null.");
        }
        this.topic = topic;
        this.partition = partition;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = new RecordHeaders(headers);
    }

    public ProducerRecord(String topic, Integer partition, Long timestamp, K key, V value) {
        this(topic, partition, timestamp, key, value, null);
    }

    public ProducerRecord(String topic, Integer partition, K key, V value, Iterable<Header> headers) {
        this(topic, partition, null, key, value, headers);
    }

    public ProducerRecord(String topic, Integer partition, K key, V value) {
        this(topic, partition, null, key, value, null);
    }

    public ProducerRecord(String topic, K key, V value) {
        this(topic, null, null, key, value, null);
    }

    public ProducerRecord(String topic, V value) {
        this(topic, null, null, null, value, null);
    }

    public String topic() {
        return topic;
    }

    /** The headers; read-only once the record has been sent. */
    public Headers headers() {
        return headers;
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    public Long timestamp() {
        return timestamp;
    }

    public Integer partition() {
        return partition;
    }

    @Override
    public String toString() {
        return "ProducerRecord(topic=" + topic + ", partition=" + partition + ", headers=" + headers
            + ", key=" + key + ", value=" + value + ", timestamp=" + timestamp + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ProducerRecord)) {
            return false;
        }
        ProducerRecord<?, ?> that = (ProducerRecord<?, ?>) o;
        return Objects.equals(key, that.key) && Objects.equals(partition, that.partition)
            && topic.equals(that.topic) && Objects.equals(headers, that.headers)
            && Objects.equals(value, that.value) && Objects.equals(timestamp, that.timestamp);
    }

    @Override
    public int hashCode() {
        int result = topic.hashCode();
        result = 31 * result + Objects.hashCode(partition);
        result = 31 * result + Objects.hashCode(headers);
        result = 31 * result + Objects.hashCode(key);
        result = 31 * result + Objects.hashCode(value);
        result = 31 * result + Objects.hashCode(timestamp);
        return result;
    }
}
