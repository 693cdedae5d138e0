package io.strand.broker.internals.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The coordinator behind a running broker, driven by Apache kafka-clients 4.1 consumers, producer
 * and admin client: dynamic groups with eager and cooperative assignors, static membership,
 * standalone commits, and offsets surviving a broker restart.
 */
class ApacheConsumerGroupTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A consumer on its own thread: polls, remembers what it saw and owns, commits after every poll. */
    private static final class Member implements AutoCloseable {
        final Set<String> seen;
        final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicInteger generation = new AtomicInteger(-1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Member(StubBroker broker, Map<String, Object> config, String topic, Set<String> seen) {
            this.seen = seen;
            this.thread = new Thread(() -> run(broker, config, topic), "member-" + config.get(ConsumerConfig.CLIENT_ID_CONFIG));
            thread.start();
        }

        private void run(StubBroker broker, Map<String, Object> config, String topic) {
            try (KafkaConsumer<String, String> c = consumer(broker, config)) {
                c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        owned.removeAll(partitions);
                        if (!partitions.isEmpty()) {
                            events.add("revoked " + partitions.size());
                        }
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        owned.addAll(partitions);
                        if (!partitions.isEmpty()) {
                            events.add("assigned " + partitions.size());
                        }
                    }

                    @Override
                    public void onPartitionsLost(Collection<TopicPartition> partitions) {
                        owned.removeAll(partitions);
                        events.add("lost " + partitions.size());
                    }
                });
                while (!stop.get()) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                        seen.add(r.value());
                    }
                    generation.set(c.groupMetadata().generationId());
                    try {
                        c.commitSync();
                    } catch (RebalanceInProgressException | CommitFailedException e) {
                        // The group is rebalancing: the next poll completes it, and the next commit covers these records.
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(!thread.isAlive(), "member did not stop");
            if (failure.get() != null) {
                throw new AssertionError("member failed", failure.get());
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(StubBroker broker, Map<String, Object> overrides) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 20_000);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        p.putAll(overrides);
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private static void produce(StubBroker broker, String topic, int from, int count) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }
    }

    private static Admin admin(StubBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private static Map<String, Object> groupConfig(String group, String clientId, Class<?> assignor) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor.getName());
        return c;
    }

    private static long committedTotal(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
            .mapToLong(OffsetAndMetadata::offset).sum();
    }

    @ParameterizedTest
    @ValueSource(classes = {RangeAssignor.class, CooperativeStickyAssignor.class})
    void threeMembersJoinAndLeaveAndTheirCommitsOutliveThem(Class<?> assignor) throws Exception {
        String topic = "t-" + assignor.getSimpleName();
        String group = "g-" + assignor.getSimpleName();
        try (StubBroker broker = StubBroker.builder().nodes(2).build(); Admin admin = admin(broker)) {
            broker.createTopic(topic, 6);
            produce(broker, topic, 0, 60);
            Set<String> seen = ConcurrentHashMap.newKeySet();
            Member a = new Member(broker, groupConfig(group, "a", assignor), topic, seen);
            Member b = new Member(broker, groupConfig(group, "b", assignor), topic, seen);
            await("two members share the six partitions", () -> a.owned.size() == 3 && b.owned.size() == 3);
            await("the first 60 records are consumed", () -> seen.size() == 60);

            Member c = new Member(broker, groupConfig(group, "c", assignor), topic, seen);
            await("a third member joins and gets two partitions",
                () -> a.owned.size() == 2 && b.owned.size() == 2 && c.owned.size() == 2);
            produce(broker, topic, 60, 60);
            await("records produced after the join are consumed", () -> seen.size() == 120);
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            assertEquals(3, d.members().size());
            assertEquals(GroupState.STABLE, d.groupState());
            assertEquals(assignor == RangeAssignor.class ? "range" : "cooperative-sticky", d.partitionAssignor());

            a.close();
            await("the two left take over the leaver's partitions", () -> b.owned.size() == 3 && c.owned.size() == 3);
            produce(broker, topic, 120, 60);
            await("records produced after the leave are consumed", () -> seen.size() == 180);
            await("every record is committed", () -> {
                try {
                    return committedTotal(admin, group) == 180;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            if (assignor == CooperativeStickyAssignor.class) {
                assertTrue(b.events.stream().noneMatch(e -> e.startsWith("lost")), b.events.toString());
            }
            b.close();
            c.close();
            assertEquals(GroupState.EMPTY,
                admin.describeConsumerGroups(List.of(group)).all().get().get(group).groupState());

            produce(broker, topic, 180, 10);
            Set<String> late = ConcurrentHashMap.newKeySet();
            try (Member d2 = new Member(broker, groupConfig(group, "d", assignor), topic, late)) {
                await("a new member reads what came after the last commit", () -> late.size() == 10);
                Thread.sleep(300);
                assertEquals(10, late.size(), "nothing committed is read again: " + late);
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 6; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
            assertEquals(190, end);
            assertEquals(190, committedTotal(admin, group));
        }
    }

    @Test
    void aStaticMemberRestartsAndGetsItsPartitionsBackWithoutARebalance() throws Exception {
        try (StubBroker broker = StubBroker.builder().build(); Admin admin = admin(broker)) {
            broker.createTopic("static", 4);
            produce(broker, "static", 0, 20);
            Set<String> seen = ConcurrentHashMap.newKeySet();
            Map<String, Object> c1 = groupConfig("sg", "one", RangeAssignor.class);
            c1.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "instance-1");
            c1.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000);
            Map<String, Object> c2 = new HashMap<>(c1);
            c2.put(ConsumerConfig.CLIENT_ID_CONFIG, "two");
            c2.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "instance-2");
            try (Member one = new Member(broker, c1, "static", seen)) {
                Member two = new Member(broker, c2, "static", seen);
                await("both own two partitions", () -> one.owned.size() == 2 && two.owned.size() == 2);
                await("all records are consumed", () -> seen.size() == 20);
                await("both poll in the same generation",
                    () -> one.generation.get() > 0 && one.generation.get() == two.generation.get());
                Set<TopicPartition> before = Set.copyOf(two.owned);
                int generation = one.generation.get();
                List<String> oneEvents = List.copyOf(one.events);
                two.close();

                // A static member does not leave on close: the group keeps it and does not rebalance.
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of("sg")).all().get().get("sg");
                assertEquals(2, d.members().size());
                assertEquals(GroupState.STABLE, d.groupState());

                Member twoAgain = new Member(broker, c2, "static", seen);
                await("the restarted member owns its old partitions", () -> twoAgain.owned.equals(before));
                produce(broker, "static", 20, 20);
                await("records keep flowing", () -> seen.size() == 40);
                assertEquals(generation, one.generation.get(), "no new generation");
                assertEquals(oneEvents, List.copyOf(one.events), "the other member saw no rebalance");
                assertEquals(generation, twoAgain.generation.get());
                twoAgain.close();
            }
        }
    }

    @Test
    void aStandaloneConsumerCommitsWithoutJoiningAndAdminDeletesItsOffsetsAndGroup() throws Exception {
        try (StubBroker broker = StubBroker.builder().build(); Admin admin = admin(broker)) {
            broker.createTopic("manual", 2);
            produce(broker, "manual", 0, 10);
            Map<String, Object> cfg = Map.of(ConsumerConfig.GROUP_ID_CONFIG, "standalone");
            TopicPartition p0 = new TopicPartition("manual", 0);
            TopicPartition p1 = new TopicPartition("manual", 1);
            try (KafkaConsumer<String, String> c = consumer(broker, cfg)) {
                c.assign(List.of(p0, p1));
                int read = 0;
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (read < 10 && System.nanoTime() < deadline) {
                    read += c.poll(Duration.ofMillis(100)).count();
                }
                assertEquals(10, read);
                c.commitSync(Map.of(p0, new OffsetAndMetadata(c.position(p0), "note")));
                c.commitSync(Map.of(p1, new OffsetAndMetadata(c.position(p1))));
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets("standalone").partitionsToOffsetAndMetadata().get();
            assertEquals(10, committed.get(p0).offset() + committed.get(p1).offset());
            assertEquals("note", committed.get(p0).metadata());
            assertEquals(GroupState.EMPTY,
                admin.describeConsumerGroups(List.of("standalone")).all().get().get("standalone").groupState());

            admin.deleteConsumerGroupOffsets("standalone", Set.of(p1)).all().get();
            assertEquals(Set.of(p0), admin.listConsumerGroupOffsets("standalone").partitionsToOffsetAndMetadata().get()
                .keySet());
            admin.deleteConsumerGroups(List.of("standalone")).all().get();
            assertTrue(admin.listConsumerGroupOffsets("standalone").partitionsToOffsetAndMetadata().get().isEmpty());
            assertTrue(admin.listConsumerGroups().all().get().stream().noneMatch(l -> l.groupId().equals("standalone")));
        }
    }

    @Test
    void committedOffsetsSurviveABrokerRestart(@TempDir Path dir) throws Exception {
        Map<String, Object> cfg = groupConfig("durable", "c", RangeAssignor.class);
        try (StubBroker broker = StubBroker.builder().dataDir(dir).build()) {
            broker.createTopic("kept", 3);
            produce(broker, "kept", 0, 30);
            Set<String> seen = ConcurrentHashMap.newKeySet();
            try (Member m = new Member(broker, cfg, "kept", seen); Admin admin = admin(broker)) {
                await("everything is consumed and committed", () -> {
                    try {
                        return seen.size() == 30 && committedTotal(admin, "durable") == 30;
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
            }
        }
        try (StubBroker broker = StubBroker.builder().dataDir(dir).build()) {
            produce(broker, "kept", 30, 5);
            Set<String> seen = ConcurrentHashMap.newKeySet();
            try (Member m = new Member(broker, cfg, "kept", seen)) {
                await("the records produced after the restart are read", () -> seen.size() == 5);
                Thread.sleep(300);
                assertEquals(Set.of("v30", "v31", "v32", "v33", "v34"), seen, "the committed ones are not read again");
            }
        }
    }
}
