package io.strand.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.broker.StubBrokerExtension;
import io.strand.clients.producer.RecordMetadata;
import io.strand.examples.cli.Cli;
import io.strand.clients.producer.RoundRobinPartitioner;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(StubBrokerExtension.class)
class ProducerExamplesTest {

    static StubBroker broker;

    @TempDir
    Path dir;

    @Test
    void bundledPropertiesFileProducesTheSeedsRecords() {
        CliRun run = CliRun.of("producer-config", "--bootstrap-server", broker.bootstrapServers(),
            "--topic", "config-bundled", "--records", "7");
        assertEquals(Cli.OK, run.status(), run::toString);
        assertTrue(run.out().contains("bootstrap.servers from the file (172.17.2.1:9092) replaced by "
            + broker.bootstrapServers()), run::toString);

        List<ConsumerRecord<byte[], byte[]>> stored = Apache.readAll(broker.bootstrapServers(), "config-bundled");
        assertEquals(IntStream.range(0, 7).mapToObj(i -> "javarecord" + i).toList(), values(stored));
        stored.forEach(r -> assertNull(r.key()));
    }

    /** The seed's file as written for kafka-clients: Chinese comments, a remark after the address, Apache class names. */
    @Test
    void theSeedsOwnPropertiesFileWorksAsItIs() throws Exception {
        Path file = copyResource("seed-KafkaProducer.properties");
        CliRun run = CliRun.of("producer-config", "--config", file.toString(),
            "--bootstrap-server", broker.bootstrapServers(), "--topic", "config-seed", "--records", "3");
        assertEquals(Cli.OK, run.status(), run::toString);
        assertEquals(List.of("javarecord0", "javarecord1", "javarecord2"),
            values(Apache.readAll(broker.bootstrapServers(), "config-seed")));
    }

    /** The seed's first draft names a class that exists in neither Apache nor Strand: the error says which. */
    @Test
    void aSerializerThatDoesNotExistFailsNamingTheSettingAndTheClass() throws Exception {
        Path file = dir.resolve("broken.properties");
        Files.writeString(file, "acks=all\n"
            + "key.serializer=org.apache.kafka.serialization.StringSerializer\n"
            + "value.serializer=org.apache.kafka.serialization.StringSerializer\n");
        CliRun run = CliRun.of("producer-config", "--config", file.toString(),
            "--bootstrap-server", broker.bootstrapServers(), "--topic", "config-broken");
        assertEquals(Cli.FAILED, run.status(), run::toString);
        assertTrue(run.err().contains("key.serializer"), run::toString);
        assertTrue(run.err().contains("org.apache.kafka.serialization.StringSerializer"), run::toString);
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        CliRun run = CliRun.of("producer-config", "--config", dir.resolve("absent.properties").toString(),
            "--bootstrap-server", broker.bootstrapServers());
        assertEquals(Cli.USAGE, run.status(), run::toString);
        assertTrue(run.err().contains("absent.properties"), run::toString);
    }

    @Test
    void callbackSeesEveryRecordAtConsecutiveOffsetsOfEachPartition() {
        String topic = "callback";
        broker.createTopic(topic, 3);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CallbackProducer.Result result = CallbackProducer.send(broker.bootstrapServers(), topic, 25,
            new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals(0, result.failed());
        assertEquals(25, result.acknowledged().size());
        Map<Integer, List<Long>> offsets = new HashMap<>();
        for (RecordMetadata m : result.acknowledged()) {
            offsets.computeIfAbsent(m.partition(), p -> new ArrayList<>()).add(m.offset());
        }
        offsets.values().forEach(list -> assertEquals(
            IntStream.range(0, list.size()).mapToObj(i -> (long) i).toList(), list.stream().sorted().toList()));
        assertEquals(10, printed.toString(StandardCharsets.UTF_8).lines().count(), "at most ten lines printed");

        Map<Integer, Long> end = Apache.endOffsets(broker.bootstrapServers(), topic);
        offsets.forEach((p, list) -> assertEquals((long) list.size(), end.get(p)));
        for (ConsumerRecord<byte[], byte[]> r : Apache.readAll(broker.bootstrapServers(), topic)) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            assertEquals("value-" + key.substring("key-".length()), new String(r.value(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void vipPartitionerKeepsVipKeysAloneOnPartitionZero() throws Exception {
        String topic = "vip";
        broker.createTopic(topic, 4);
        Map<Integer, List<String>> keys = CustomPartitionerProducer.send(broker.bootstrapServers(), topic, 50,
            VipPartitioner.class.getName());

        List<String> vips = IntStream.range(0, 50).filter(i -> i % 5 == 0).mapToObj(i -> "vip-" + i).toList();
        assertEquals(vips, keys.get(0));
        assertTrue(keys.size() >= 3, () -> "the other keys spread over more than one partition: " + keys);

        // What the broker holds agrees: partition 0 has exactly the vip keys, the others none.
        for (ConsumerRecord<byte[], byte[]> r : Apache.readAll(broker.bootstrapServers(), topic)) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            assertEquals(key.startsWith("vip-"), r.partition() == 0, key + " on partition " + r.partition());
        }
    }

    @Test
    void theCommandTakesAReadyMadePartitionerToo() {
        CliRun run = CliRun.of("partitioner", "--bootstrap-server", broker.bootstrapServers(), "--topic", "rr",
            "--records", "20", "--partitioner", RoundRobinPartitioner.class.getName());
        assertEquals(Cli.OK, run.status(), run::toString);
        Map<Integer, Long> end = Apache.endOffsets(broker.bootstrapServers(), "rr");
        assertEquals(Map.of(0, 5L, 1, 5L, 2, 5L, 3, 5L), end);
    }

    private Path copyResource(String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = Objects.requireNonNull(getClass().getClassLoader().getResourceAsStream(name), name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }
}
