package io.strand.clients.producer;

import io.strand.common.Cluster;
import io.strand.common.header.Headers;
import io.strand.common.serialization.Serializer;
import io.strand.common.serialization.StringSerializer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plugins the producer creates by class name in tests. They report to static lists keyed by the
 * producer's client.id, which each test sets to something unique.
 */
final class TestPlugins {

    static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();

    private TestPlugins() {
    }

    static List<String> events(String clientId) {
        return EVENTS.computeIfAbsent(clientId, k -> new CopyOnWriteArrayList<>());
    }

    /** Upper-cases values on send and records what it sees. */
    public static final class UpperCaseInterceptor implements ProducerInterceptor<String, String> {
        private String clientId;

        @Override
        public void configure(Map<String, ?> configs) {
            clientId = (String) configs.get(ProducerConfig.CLIENT_ID_CONFIG);
            events(clientId).add("configure:" + configs.get("test.marker"));
        }

        @Override
        public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
            events(clientId).add("onSend:" + record.value());
            return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(),
                record.value().toUpperCase(), record.headers());
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception, Headers headers) {
            events(clientId).add("onAck:" + (exception == null ? metadata.offset() : exception.getClass().getSimpleName())
                + ":" + (headers == null ? "-" : headers.toArray().length));
        }

        @Override
        public void close() {
            events(clientId).add("close");
        }
    }

    /** Throws from everything it is asked to do. */
    public static final class ThrowingInterceptor implements ProducerInterceptor<String, String> {
        private String clientId;

        @Override
        public void configure(Map<String, ?> configs) {
            clientId = (String) configs.get(ProducerConfig.CLIENT_ID_CONFIG);
        }

        @Override
        public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
            events(clientId).add("throwing-onSend");
            throw new IllegalStateException("onSend fails on purpose");
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            events(clientId).add("throwing-onAck");
            throw new IllegalStateException("onAcknowledgement fails on purpose");
        }

        @Override
        public void close() {
            throw new IllegalStateException("close fails on purpose");
        }
    }

    /** Appends the value it saw to the events, so tests can tell interceptors ran first. */
    public static final class RecordingSerializer implements Serializer<String> {
        private final StringSerializer inner = new StringSerializer();
        private String clientId;

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            clientId = (String) configs.get(ProducerConfig.CLIENT_ID_CONFIG);
        }

        @Override
        public byte[] serialize(String topic, String data) {
            if (data != null && clientId != null) {
                events(clientId).add("serialize:" + data);
            }
            return inner.serialize(topic, data);
        }
    }

    /** Sends every record to the last partition. */
    public static final class LastPartitionPartitioner implements Partitioner {
        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             Cluster cluster) {
            return cluster.partitionCountForTopic(topic) - 1;
        }

        @Override
        public void close() {
        }
    }

    /** Returns a partition that does not exist. */
    public static final class BrokenPartitioner implements Partitioner {
        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             Cluster cluster) {
            return 1000;
        }

        @Override
        public void close() {
        }
    }
}
