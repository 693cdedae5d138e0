package io.strand.clients.consumer.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.common.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConsumerSmokeTest {

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void assignAndSubscribeReadEverything(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("smoke");
        broker.createTopic(topic, 3);
        TestData.produce(broker.bootstrapServers(), topic, 3, 1000, 50, "lz4");

        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), null, Map.of())) {
            List<TopicPartition> tps = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1), new TopicPartition(topic, 2));
            c.assign(tps);
            Map<Integer, Long> next = readAll(c, 3000);
            assertEquals(Map.of(0, 1000L, 1, 1000L, 2, 1000L), next);
        }
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), "smoke-" + topic, Map.of())) {
            c.subscribe(List.of(topic));
            Map<Integer, Long> next = readAll(c, 3000);
            assertEquals(Map.of(0, 1000L, 1, 1000L, 2, 1000L), next);
            c.commitSync();
        }
    }

    static Map<Integer, Long> readAll(KafkaConsumer<byte[], byte[]> c, int expected) {
        Map<Integer, Long> next = new HashMap<>();
        int count = 0;
        long deadline = System.currentTimeMillis() + 60_000;
        while (count < expected && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                long expectedOffset = next.getOrDefault(r.partition(), 0L);
                assertEquals(expectedOffset, r.offset(), "in order, no gaps, partition " + r.partition());
                assertArrayEquals(TestData.value(r.partition(), r.offset(), 50), r.value());
                assertArrayEquals(TestData.key(r.offset()), r.key());
                next.put(r.partition(), r.offset() + 1);
                count++;
            }
        }
        assertEquals(expected, count);
        return next;
    }
}
