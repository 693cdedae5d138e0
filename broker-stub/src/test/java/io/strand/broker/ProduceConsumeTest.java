package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Apache's idempotent producer and consumer round-trip records through the broker, with every codec. */
class ProduceConsumeTest {

    private static StubBroker broker;

    @BeforeAll
    static void start() {
        broker = StubBroker.builder().nodes(2).build();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void idempotentProducerEveryCodecReadBackEqual(String codec) throws Exception {
        String topic = "codec-" + codec;
        broker.createTopic(topic, 3);
        int n = 300;
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        long ts = 1_700_000_000_000L;
        try (KafkaProducer<byte[], byte[]> producer = ApacheClients.producer(broker,
            Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec))) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("h", ("v" + i).getBytes(StandardCharsets.UTF_8));
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, i % 3, ts + i,
                    ("k" + i).getBytes(StandardCharsets.UTF_8), ("value-" + i + "-" + "x".repeat(i % 50)).getBytes(StandardCharsets.UTF_8),
                    headers);
                sent.add(r);
                acks.add(producer.send(r));
            }
            for (Future<RecordMetadata> f : acks) {
                f.get();
            }
        }
        List<TopicPartition> tps = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
            new TopicPartition(topic, 2));
        try (KafkaConsumer<byte[], byte[]> consumer = ApacheClients.consumer(broker, Map.of())) {
            List<ConsumerRecord<byte[], byte[]>> got = ApacheClients.readAll(consumer, tps, n, Duration.ofSeconds(30));
            assertEquals(n, got.size());
            got.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
            Map<Integer, Long> nextOffset = new HashMap<>();
            for (int i = 0; i < n; i++) {
                ProducerRecord<byte[], byte[]> s = sent.get(i);
                ConsumerRecord<byte[], byte[]> g = got.get(i);
                assertEquals(s.partition(), g.partition());
                assertArrayEquals(s.key(), g.key());
                assertArrayEquals(s.value(), g.value());
                assertEquals(s.timestamp(), g.timestamp());
                assertEquals(TimestampType.CREATE_TIME, g.timestampType());
                assertArrayEquals(s.headers().lastHeader("h").value(), g.headers().lastHeader("h").value());
                long expected = nextOffset.getOrDefault(g.partition(), 0L);
                assertEquals(expected, g.offset(), "offsets are contiguous per partition");
                nextOffset.put(g.partition(), expected + 1);
            }
        }
    }

    @Test
    void logAppendTimeTopicsStampTheBrokerTime() throws Exception {
        broker.createTopic("log-append", 1, Map.of("message.timestamp.type", "LogAppendTime"));
        long before = System.currentTimeMillis();
        RecordMetadata md;
        try (KafkaProducer<byte[], byte[]> producer = ApacheClients.producer(broker, Map.of())) {
            md = producer.send(new ProducerRecord<>("log-append", 0, 42L, null, new byte[] {1})).get();
        }
        assertTrue(md.timestamp() >= before, "the ack carries the append time");
        try (KafkaConsumer<byte[], byte[]> consumer = ApacheClients.consumer(broker, Map.of())) {
            List<ConsumerRecord<byte[], byte[]>> got = ApacheClients.readAll(consumer,
                List.of(new TopicPartition("log-append", 0)), 1, Duration.ofSeconds(20));
            assertEquals(1, got.size());
            assertEquals(TimestampType.LOG_APPEND_TIME, got.get(0).timestampType());
            assertEquals(md.timestamp(), got.get(0).timestamp());
        }
    }

    @Test
    void aTopicOnADeletedTopicsMemoryReadsBackOnlyItsOwnRecords() throws Exception {
        // Enough for the old topic's log to reach 1 MiB chunks, which the broker keeps for the next topic.
        byte[] filler = "o".repeat(1000).getBytes(StandardCharsets.UTF_8);
        broker.createTopic("reuse-old", 1);
        try (KafkaProducer<byte[], byte[]> producer = ApacheClients.producer(broker, Map.of());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            for (int i = 0; i < 4000; i++) {
                producer.send(new ProducerRecord<>("reuse-old", 0, null, filler));
            }
            producer.flush();
            admin.deleteTopics(List.of("reuse-old")).all().get();
            broker.createTopic("reuse-new", 1);
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("reuse-new", 0, null, ("new-" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        TopicPartition tp = new TopicPartition("reuse-new", 0);
        try (KafkaConsumer<byte[], byte[]> consumer = ApacheClients.consumer(broker, Map.of())) {
            assertEquals(10L, consumer.endOffsets(List.of(tp)).get(tp));
            List<ConsumerRecord<byte[], byte[]>> got = ApacheClients.readAll(consumer, List.of(tp), 10, Duration.ofSeconds(20));
            assertEquals(10, got.size());
            for (int i = 0; i < 10; i++) {
                assertEquals(i, got.get(i).offset());
                assertEquals("new-" + i, new String(got.get(i).value(), StandardCharsets.UTF_8));
            }
            assertTrue(consumer.poll(Duration.ofMillis(300)).isEmpty(), "nothing of the deleted topic after them");
        }
    }
}
