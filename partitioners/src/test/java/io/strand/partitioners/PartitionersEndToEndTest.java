package io.strand.partitioners;

import io.strand.clients.producer.RoundRobinPartitioner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.TopicPartition;
import io.strand.common.config.ConfigException;
import io.strand.common.serialization.StringDeserializer;
import io.strand.common.serialization.StringSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real Strand producer picks each partitioner from its properties; a consumer checks where records landed. */
class PartitionersEndToEndTest {

    private static StubBroker broker;

    @BeforeAll
    static void start() {
        broker = StubBroker.builder().build();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static KafkaProducer<String, String> producer(Object... settings) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("bootstrap.servers", broker.bootstrapServers());
        configs.put("key.serializer", StringSerializer.class.getName());
        configs.put("value.serializer", StringSerializer.class.getName());
        for (int i = 0; i < settings.length; i += 2) {
            configs.put((String) settings[i], settings[i + 1]);
        }
        return new KafkaProducer<>(configs);
    }

    /** Sends the records and returns the partition the broker acknowledged for each. */
    private static List<Integer> send(KafkaProducer<String, String> producer, List<ProducerRecord<String, String>> rs)
        throws Exception {
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        for (ProducerRecord<String, String> r : rs) {
            futures.add(producer.send(r));
        }
        producer.flush();
        List<Integer> partitions = new ArrayList<>();
        for (CompletableFuture<RecordMetadata> f : futures) {
            partitions.add(f.get(30, TimeUnit.SECONDS).partition());
        }
        return partitions;
    }

    /** Reads the whole topic back: per partition, the keys in offset order. */
    private static Map<Integer, List<String>> keysByPartition(String topic, int partitions, int expected) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("bootstrap.servers", broker.bootstrapServers());
        configs.put("key.deserializer", StringDeserializer.class.getName());
        configs.put("value.deserializer", StringDeserializer.class.getName());
        Map<Integer, List<String>> keys = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(configs)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic, p));
                keys.put(p, new ArrayList<>());
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            int read = 0;
            long deadline = System.currentTimeMillis() + 60_000;
            while (read < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    keys.get(r.partition()).add(r.key());
                    read++;
                }
            }
            assertEquals(expected, read, "records read back within 60 s");
        }
        return keys;
    }

    @Test
    void roundRobinFillsEveryPartitionEqually() throws Exception {
        broker.createTopic("rr", 4);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(new ProducerRecord<>("rr", "same-key", "v" + i));
        }
        try (KafkaProducer<String, String> producer = producer("partitioner.class",
            RoundRobinPartitioner.class.getName())) {
            send(producer, records);
        }
        Map<Integer, List<String>> landed = keysByPartition("rr", 4, 400);
        for (int p = 0; p < 4; p++) {
            assertEquals(100, landed.get(p).size(), "partition " + p);
        }
    }

    @Test
    void consistentHashPutsEachKeyWhereTheFunctionSays() throws Exception {
        broker.createTopic("ch", 5);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            records.add(new ProducerRecord<>("ch", "user-" + i, "v"));
        }
        List<Integer> acked;
        try (KafkaProducer<String, String> producer = producer("partitioner.class",
            ConsistentHashPartitioner.class.getName())) {
            acked = send(producer, records);
        }
        long[] counts = new long[5];
        for (int i = 0; i < records.size(); i++) {
            int expected = ConsistentHashPartitioner.partitionForKey(
                records.get(i).key().getBytes(StandardCharsets.UTF_8), 5);
            assertEquals(expected, acked.get(i), records.get(i).key());
            counts[expected]++;
        }
        Map<Integer, List<String>> landed = keysByPartition("ch", 5, 500);
        for (int p = 0; p < 5; p++) {
            assertEquals(counts[p], landed.get(p).size());
            for (String key : landed.get(p)) {
                assertEquals(p, ConsistentHashPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 5));
            }
        }
        assertTrue(ChiSquare.looksUniform(counts), "chi2=" + ChiSquare.statistic(counts));
    }

    @Test
    void keyMappingFromPropertiesPinsKeysAndFailsClearlyOnAPartitionTheTopicLacks() throws Exception {
        broker.createTopic("km", 3);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            String key = i % 3 == 0 ? "us" : i % 3 == 1 ? "eu" : "other-" + i;
            records.add(new ProducerRecord<>("km", key, "v"));
        }
        try (KafkaProducer<String, String> producer = producer("partitioner.class",
            KeyMappingPartitioner.class.getName(), "partitioner.key.mapping", "us:2", "partitioner.key.mapping.eu", "0",
            "partitioner.key.mapping.apac", "7", "partitioner.key.fallback", "1")) {
            List<Integer> acked = send(producer, records);
            for (int i = 0; i < records.size(); i++) {
                String key = records.get(i).key();
                assertEquals(key.equals("us") ? 2 : key.equals("eu") ? 0 : 1, acked.get(i), key);
            }
            ConfigException e = assertThrows(ConfigException.class,
                () -> producer.send(new ProducerRecord<>("km", "apac", "v")));
            assertTrue(e.getMessage().contains("partitioner.key.mapping.apac") && e.getMessage().contains("'apac'")
                && e.getMessage().contains("has 3 partitions"), e.getMessage());
        }
        Map<Integer, List<String>> landed = keysByPartition("km", 3, 90);
        assertTrue(landed.get(2).stream().allMatch("us"::equals) && landed.get(2).size() == 30);
        assertTrue(landed.get(0).stream().allMatch("eu"::equals) && landed.get(0).size() == 30);
        assertTrue(landed.get(1).stream().allMatch(k -> k.startsWith("other-")) && landed.get(1).size() == 30);

        ConfigException bad = assertThrows(ConfigException.class, () -> producer("partitioner.class",
            KeyMappingPartitioner.class.getName(), "partitioner.key.mapping", "us=2"));
        assertEquals("partitioner.key.mapping", bad.configName());
    }
}
