package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A consumer group of three Apache consumers on a six-partition topic of a three-node broker:
 * members join and leave, every record is consumed, and committed offsets survive the changes.
 */
class ConsumerGroupTest {

    private static StubBroker broker;

    @BeforeAll
    static void start() {
        broker = StubBroker.builder().nodes(3).build();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(classes = {RangeAssignor.class, CooperativeStickyAssignor.class})
    void threeMembersJoinAndLeaveAndCommitsSurvive(Class<?> assignor) throws Exception {
        String topic = "group-" + assignor.getSimpleName();
        String group = "g-" + assignor.getSimpleName();
        broker.createTopic(topic, 6);
        int perRound = 120;
        produce(topic, 0, perRound);

        Map<String, Object> cfg = Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor.getName(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500,
            ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 20_000);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<AtomicBoolean> stops = new ArrayList<>();
        List<Future<?>> members = new ArrayList<>();
        try {
            for (int m = 0; m < 3; m++) {
                AtomicBoolean stopFlag = new AtomicBoolean();
                stops.add(stopFlag);
                members.add(pool.submit(() -> runMember(cfg, topic, seen, stopFlag)));
            }
            awaitSeen(seen, perRound);
            // One member leaves; the others take over its partitions and keep consuming.
            stops.get(0).set(true);
            members.get(0).get(30, TimeUnit.SECONDS);
            produce(topic, perRound, perRound);
            awaitSeen(seen, 2 * perRound);

            try (Admin admin = admin()) {
                Set<String> groups = new HashSet<>();
                for (ConsumerGroupListing l : admin.listConsumerGroups().all().get()) {
                    groups.add(l.groupId());
                }
                assertTrue(groups.contains(group), "listed: " + groups);
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                assertEquals(2, d.members().size());
                assertEquals(broker.port(d.coordinator().id()), d.coordinator().port());
            }
        } finally {
            stops.forEach(s -> s.set(true));
            for (Future<?> f : members) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
        }
        // Every member has left; a new one resumes from the committed offsets: nothing is re-read.
        produce(topic, 2 * perRound, 10);
        Set<String> after = ConcurrentHashMap.newKeySet();
        AtomicBoolean stopLate = new AtomicBoolean();
        Thread late = new Thread(() -> runMember(cfg, topic, after, stopLate));
        late.start();
        awaitSeen(after, 10);
        stopLate.set(true);
        late.join(30_000);
        assertEquals(10, after.size(), "only the records produced after the last commit: " + after);
        assertEquals(2 * perRound, seen.size());

        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            long total = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
            assertEquals(2 * perRound + 10, total);
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < 6; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
            assertEquals(2 * perRound + 10, end);
        }
    }

    private static void runMember(Map<String, Object> cfg, String topic, Set<String> seen, AtomicBoolean stop) {
        try (KafkaConsumer<byte[], byte[]> c = ApacheClients.consumer(broker, cfg)) {
            c.subscribe(List.of(topic));
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    seen.add(new String(r.value()));
                }
                try {
                    c.commitSync();
                } catch (org.apache.kafka.common.errors.RebalanceInProgressException
                         | org.apache.kafka.clients.consumer.CommitFailedException e) {
                    // A member joining mid-commit rebalances the group; the next poll rejoins and commits again.
                }
            }
        }
    }

    private static void produce(String topic, int from, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = ApacheClients.producer(broker, Map.of())) {
            for (int i = from; i < from + count; i++) {
                p.send(new ProducerRecord<>(topic, ("k" + i).getBytes(), ("v" + i).getBytes()));
            }
            p.flush();
        }
    }

    private static void awaitSeen(Set<String> seen, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (seen.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(count, seen.size());
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
