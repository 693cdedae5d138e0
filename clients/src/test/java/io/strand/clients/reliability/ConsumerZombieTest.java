package io.strand.clients.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strand.clients.consumer.CommitFailedException;
import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRebalanceListener;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.clients.consumer.it.Brokers;
import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.clients.producer.ProducerRecord;
import io.strand.common.TopicPartition;
import io.strand.common.serialization.ByteArrayDeserializer;
import io.strand.common.serialization.ByteArraySerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer "zombie": a member that takes longer than max.poll.interval.ms over a batch is
 * put out of the group while it works, and its partitions go to another member. Then, against
 * the bundled broker and a real Kafka 4.1:
 * <ul>
 *   <li>the new owner takes the partitions up at the zombie's last commit (so the zombie's
 *       uncommitted batch is processed again: at least once);</li>
 *   <li>the zombie's commitSync, with or without explicit offsets, fails with
 *       CommitFailedException saying the member was kicked out after max.poll.interval.ms, and
 *       the group's committed offsets stay the new owner's (the zombie's stale positions would
 *       move them back);</li>
 *   <li>the zombie's next poll tells its listener the partitions were lost and rejoins; it
 *       then reads from the committed offsets, not from its stale positions.</li>
 * </ul>
 * Everything runs on the test's thread: the consumers are polled in turn.
 */
class ConsumerZombieTest {

    private static final Logger log = LoggerFactory.getLogger(ConsumerZombieTest.class);
    private static final int PARTITIONS = 2;
    private static final int PER_PARTITION = 100;
    private static final int MAX_POLL_INTERVAL_MS = 2_000;
    private static final long WAIT_MS = 60_000;

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void zombieCommitFailsAndDoesNotOverwriteTheNewOwnersProgressAndItRejoins(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("zombie");
        String group = "zombie-group-" + topic;
        broker.createTopic(topic, PARTITIONS);
        List<TopicPartition> tps = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        produce(broker.bootstrapServers(), topic, 0);
        List<String> zombieEvents = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<byte[], byte[]> zombie = consumer(broker.bootstrapServers(), group, MAX_POLL_INTERVAL_MS);
             KafkaConsumer<byte[], byte[]> owner = consumer(broker.bootstrapServers(), group, 300_000)) {
            zombie.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    zombieEvents.add("revoked " + partitions.size());
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    zombieEvents.add("assigned " + partitions.size());
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    zombieEvents.add("lost " + partitions.size());
                }
            });
            // 1. The zombie, alone, processes a batch and commits it.
            ConsumerRecords<byte[], byte[]> first = pollUntilRecords(zombie);
            assertEquals(PARTITIONS, zombie.assignment().size(), "the zombie, alone, owns every partition");
            zombie.commitSync();
            Map<TopicPartition, OffsetAndMetadata> zombieCommit = zombie.committed(Set.copyOf(tps), Duration.ofSeconds(30));
            // 2. It gets a second batch and "processes" it for longer than max.poll.interval.ms.
            ConsumerRecords<byte[], byte[]> stale = pollUntilRecords(zombie);
            Map<TopicPartition, Long> stalePositions = new HashMap<>();
            for (TopicPartition tp : tps) {
                stalePositions.put(tp, zombie.position(tp));
            }
            long stalledAt = System.currentTimeMillis();

            // 3. Meanwhile another member joins and gets every partition, once the zombie is out.
            owner.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> ownerRecords = new ArrayList<>();
            await("the new owner has every partition", () -> {
                ownerRecords.addAll(list(owner.poll(Duration.ofMillis(100))));
                return owner.assignment().size() == PARTITIONS;
            });
            assertTrue(System.currentTimeMillis() - stalledAt >= MAX_POLL_INTERVAL_MS,
                "the partitions moved only after max.poll.interval.ms");
            // 4. It takes them up at the zombie's commit and processes everything, committing as it goes.
            Map<TopicPartition, Long> ownerFirst = new HashMap<>();
            await("the new owner processed every partition to its end", () -> {
                ownerRecords.addAll(list(owner.poll(Duration.ofMillis(100))));
                for (ConsumerRecord<byte[], byte[]> r : ownerRecords) {
                    ownerFirst.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
                }
                if (!ownerRecords.isEmpty()) {
                    owner.commitSync();
                }
                boolean done = tps.stream().allMatch(tp -> owner.position(tp) == PER_PARTITION);
                ownerRecords.clear();
                return done;
            });
            for (TopicPartition tp : tps) {
                long committedByZombie = zombieCommit.get(tp) == null ? 0 : zombieCommit.get(tp).offset();
                assertEquals(committedByZombie, ownerFirst.getOrDefault(tp, -1L),
                    tp + ": the new owner starts at the zombie's last commit");
            }

            // 5. The zombie wakes up and commits what it processed: refused, both ways.
            CommitFailedException implicit = assertThrows(CommitFailedException.class, zombie::commitSync);
            Map<TopicPartition, OffsetAndMetadata> staleOffsets = new HashMap<>();
            stalePositions.forEach((tp, o) -> staleOffsets.put(tp, new OffsetAndMetadata(o)));
            CommitFailedException explicit = assertThrows(CommitFailedException.class,
                () -> zombie.commitSync(staleOffsets));
            for (CommitFailedException e : List.of(implicit, explicit)) {
                String m = e.getMessage();
                assertTrue(m.contains("kicked out of the group") || m.contains("rebalanced"), m);
                assertTrue(m.contains("max.poll.interval.ms"), m);
            }
            Map<TopicPartition, OffsetAndMetadata> committed = owner.committed(Set.copyOf(tps), Duration.ofSeconds(30));
            for (TopicPartition tp : tps) {
                assertEquals(PER_PARTITION, committed.get(tp).offset(), tp + ": the new owner's commit stands");
                assertTrue(stalePositions.get(tp) < PER_PARTITION, "the zombie's positions are behind the owner's");
            }

            // 6. Its next poll reports the partitions lost and rejoins; the two share the partitions.
            await("the zombie rejoined and the two share the partitions", () -> {
                List<ConsumerRecord<byte[], byte[]>> z = list(zombie.poll(Duration.ofMillis(50)));
                List<ConsumerRecord<byte[], byte[]>> o = list(owner.poll(Duration.ofMillis(50)));
                assertEquals(List.of(), z, "nothing to read: everything is committed");
                assertEquals(List.of(), o, "nothing to read: everything is committed");
                return zombie.assignment().size() == 1 && owner.assignment().size() == 1;
            });
            assertTrue(zombieEvents.contains("lost " + PARTITIONS), zombieEvents.toString());
            // 7. New records: the zombie reads its partition from the committed offset, not its stale position.
            produce(broker.bootstrapServers(), topic, PER_PARTITION);
            TopicPartition mine = zombie.assignment().iterator().next();
            List<ConsumerRecord<byte[], byte[]>> after = new ArrayList<>();
            await("the rejoined zombie reads the new records", () -> {
                after.addAll(list(zombie.poll(Duration.ofMillis(50))));
                owner.poll(Duration.ofMillis(50));
                return after.size() >= 10;
            });
            assertEquals(PER_PARTITION, after.get(0).offset(), mine + ": the rejoined zombie starts at the committed offset");
            for (ConsumerRecord<byte[], byte[]> r : after) {
                assertEquals(mine.partition(), r.partition());
            }
            log.info("ZOMBIE on {}: first batch {} records, stale batch {} records, positions {} when it stalled; "
                    + "the new owner started at {}; zombie's commits failed with: \"{}\" and \"{}\"; events {}", broker,
                first.count(), stale.count(), stalePositions, ownerFirst, implicit.getMessage(), explicit.getMessage(),
                zombieEvents);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group, int maxPollIntervalMs) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, maxPollIntervalMs);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 200);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void produce(String bootstrap, String topic, int from) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
            new ByteArraySerializer())) {
            for (int i = from; i < from + PER_PARTITION; i++) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    producer.send(new ProducerRecord<>(topic, partition, null, ByteBuffer.allocate(8).putLong(i).array()));
                }
            }
            producer.flush();
        }
    }

    private static ConsumerRecords<byte[], byte[]> pollUntilRecords(KafkaConsumer<byte[], byte[]> c) throws Exception {
        AtomicReference<ConsumerRecords<byte[], byte[]>> got = new AtomicReference<>();
        await("records", () -> {
            got.set(c.poll(Duration.ofMillis(100)));
            return !got.get().isEmpty();
        });
        return got.get();
    }

    private static List<ConsumerRecord<byte[], byte[]>> list(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        records.forEach(out::add);
        return out;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting for: " + what);
            }
        }
    }
}
