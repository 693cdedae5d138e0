package io.strand.clients.consumer.it;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.KafkaConsumer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes test data with the Apache producer and builds Strand consumers. */
public final class TestData {

    private TestData() {
    }

    /** The value of record {@code i} of partition {@code p}: recognisable, with a checksum-free layout. */
    public static byte[] value(int p, long i, int size) {
        byte[] b = new byte[size];
        ByteBuffer buf = ByteBuffer.wrap(b);
        buf.putInt(p).putLong(i);
        for (int k = 12; k < size; k++) {
            b[k] = (byte) (i * 31 + k + p);
        }
        return b;
    }

    public static byte[] key(long i) {
        return ("k" + i).getBytes(StandardCharsets.UTF_8);
    }

    public static KafkaProducer<byte[], byte[]> apacheProducer(String bootstrap, String compression) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cfg.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        cfg.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        cfg.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        // One batch in flight per partition: right after topic creation a real broker may refuse the
        // first batch (NOT_LEADER_OR_FOLLOWER) yet accept the next ones, and the retried first batch
        // then fails with OUT_OF_ORDER_SEQUENCE; the data would not start at record 0.
        cfg.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Writes {@code perPartition} records to each partition, values from {@link #value}, keys from {@link #key}. */
    public static void produce(String bootstrap, String topic, int partitions, long perPartition, int valueSize,
                               String compression) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = apacheProducer(bootstrap, compression)) {
            Future<RecordMetadata> last = null;
            for (long i = 0; i < perPartition; i++) {
                for (int p = 0; p < partitions; p++) {
                    last = producer.send(new ProducerRecord<>(topic, p, key(i), value(p, i, valueSize)));
                }
            }
            producer.flush();
            if (last != null) {
                last.get();
            }
        }
    }

    public static Map<String, Object> consumerConfig(String bootstrap, String groupId) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (groupId != null) {
            cfg.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cfg.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        cfg.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return cfg;
    }

    public static KafkaConsumer<byte[], byte[]> strandConsumer(String bootstrap, String groupId, Map<String, Object> extra) {
        Map<String, Object> cfg = consumerConfig(bootstrap, groupId);
        cfg.putAll(extra);
        return new KafkaConsumer<>(cfg);
    }
}
