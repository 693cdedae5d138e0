package io.strand.clients.consumer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strand.clients.consumer.CommitFailedException;
import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRebalanceListener;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.consumer.CooperativeStickyAssignor;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.consumer.NoOffsetForPartitionException;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.common.Metric;
import io.strand.common.MetricName;
import io.strand.common.PartitionInfo;
import io.strand.common.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The consumer's contract, each behaviour against both brokers. */
class ConsumerBehaviourIntegrationTest {

    private static List<TopicPartition> partitions(String topic, int n) {
        List<TopicPartition> out = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            out.add(new TopicPartition(topic, p));
        }
        return out;
    }

    private static List<ConsumerRecord<byte[], byte[]>> pollUntil(KafkaConsumer<byte[], byte[]> c, int count) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (out.size() < count) {
            if (System.currentTimeMillis() > deadline) {
                fail("got " + out.size() + " of " + count + " records");
            }
            c.poll(Duration.ofMillis(100)).forEach(out::add);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void autoOffsetResetEarliestLatestAndNone(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("reset");
        broker.createTopic(topic, 1);
        TestData.produce(broker.bootstrapServers(), topic, 1, 10, 20, "none");
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), "g-none-" + topic,
            Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"))) {
            c.subscribe(List.of(topic));
            NoOffsetForPartitionException e = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (e == null && System.currentTimeMillis() < deadline) {
                try {
                    c.poll(Duration.ofMillis(100));
                } catch (NoOffsetForPartitionException x) {
                    e = x;
                }
            }
            assertNotNull(e, "auto.offset.reset=none without a committed offset must fail");
            assertEquals(Set.of(tp), e.partitions());
        }
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), null,
            Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"))) {
            c.assign(List.of(tp));
            assertEquals(10, c.position(tp));
            assertTrue(c.poll(Duration.ofMillis(200)).isEmpty());
            TestData.produce(broker.bootstrapServers(), topic, 1, 3, 20, "none");
            List<ConsumerRecord<byte[], byte[]>> got = pollUntil(c, 3);
            assertEquals(10, got.get(0).offset(), "latest reads only what comes after");
        }
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), null, Map.of())) {
            c.assign(List.of(tp));
            assertEquals(0, pollUntil(c, 13).get(0).offset(), "earliest");
        }
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void commitsAreTheNextOffsetToReadAndAsyncCallbacksRunInALaterCall(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("commit");
        broker.createTopic(topic, 2);
        TestData.produce(broker.bootstrapServers(), topic, 2, 20, 20, "snappy");
        String group = "g-commit-" + topic;
        Set<TopicPartition> tps = new HashSet<>(partitions(topic, 2));
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), group,
            Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            c.subscribe(List.of(topic));
            pollUntil(c, 40);
            c.commitSync();
            for (TopicPartition tp : tps) {
                assertEquals(20, c.committed(tps).get(tp).offset(), "the committed offset is the next record to read");
            }
            TopicPartition p0 = new TopicPartition(topic, 0);
            c.commitSync(Map.of(p0, new OffsetAndMetadata(7, "seven")));
            OffsetAndMetadata seven = c.committed(Set.of(p0)).get(p0);
            assertEquals(7, seven.offset());
            assertEquals("seven", seven.metadata());

            List<Object> callbacks = new CopyOnWriteArrayList<>();
            Thread caller = Thread.currentThread();
            c.commitAsync(Map.of(p0, new OffsetAndMetadata(9)), (offsets, e) -> {
                callbacks.add(e == null ? offsets : e);
                assertEquals(caller, Thread.currentThread(), "callbacks run on the consumer's thread");
            });
            long deadline = System.currentTimeMillis() + 30_000;
            while (callbacks.isEmpty() && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(50));
            }
            assertEquals(List.of(Map.of(p0, new OffsetAndMetadata(9))), callbacks);
            assertEquals(9, c.committed(Set.of(p0)).get(p0).offset());
        }
        // A new member of the group starts where the group committed.
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), group, Map.of())) {
            c.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> got = pollUntil(c, 11);
            assertEquals(9, got.stream().filter(r -> r.partition() == 0).findFirst().orElseThrow().offset());
        }
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void autoCommitCommitsOnItsIntervalAndOnClose(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("autocommit");
        broker.createTopic(topic, 1);
        TestData.produce(broker.bootstrapServers(), topic, 1, 30, 20, "none");
        String group = "g-auto-" + topic;
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), group,
            Map.of(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 200, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10))) {
            c.subscribe(List.of(topic));
            pollUntil(c, 10);
            long deadline = System.currentTimeMillis() + 30_000;
            OffsetAndMetadata committed = null;
            while ((committed == null || committed.offset() < 10) && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(100));
                committed = c.committed(Set.of(tp)).get(tp);
            }
            assertNotNull(committed, "auto-commit committed nothing");
            assertTrue(committed.offset() >= 10);
            pollUntil(c, 30 - (int) c.position(tp));
            c.seek(tp, 25);
        }
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), group, Map.of())) {
            assertEquals(25, c.committed(Set.of(tp)).get(tp).offset(), "close committed the position");
        }
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void commitFailsSayingWhyAfterMaxPollIntervalAndTheListenerHearsOfTheLoss(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("maxpoll");
        broker.createTopic(topic, 2);
        TestData.produce(broker.bootstrapServers(), topic, 2, 5, 20, "none");
        List<String> events = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        Map<String, Object> extra = new HashMap<>();
        extra.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 1500);
        extra.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 200);
        extra.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), "g-maxpoll-" + topic, extra)) {
            c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    events.add("revoked " + partitions.size());
                    threads.add(Thread.currentThread());
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    events.add("assigned " + partitions.size());
                    threads.add(Thread.currentThread());
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    events.add("lost " + partitions.size());
                    threads.add(Thread.currentThread());
                }
            });
            pollUntil(c, 10);
            Thread.sleep(4000); // "processing" for longer than max.poll.interval.ms
            CommitFailedException e = assertThrows(CommitFailedException.class, c::commitSync);
            assertTrue(e.getMessage().contains("max.poll.interval.ms"), e.getMessage());
            c.poll(Duration.ofMillis(200));
            assertTrue(events.contains("lost 2"), events.toString());
            long deadline = System.currentTimeMillis() + 30_000;
            while (c.assignment().size() < 2 && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(100));
            }
            assertEquals(2, c.assignment().size(), "rejoined after being dropped");
            for (Thread t : threads) {
                assertEquals(Thread.currentThread(), t, "the listener runs inside poll, on the caller's thread");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void cooperativeRebalanceRevokesOnlyThePartitionsThatMove(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("coop");
        broker.createTopic(topic, 6);
        Map<String, Object> extra = new HashMap<>();
        extra.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        extra.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
        List<Set<TopicPartition>> revokedA = new CopyOnWriteArrayList<>();
        String group = "g-coop-" + topic;
        try (KafkaConsumer<byte[], byte[]> a = TestData.strandConsumer(broker.bootstrapServers(), group, extra);
             KafkaConsumer<byte[], byte[]> b = TestData.strandConsumer(broker.bootstrapServers(), group, extra)) {
            a.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    revokedA.add(new HashSet<>(partitions));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            long deadline = System.currentTimeMillis() + 30_000;
            while (a.assignment().size() < 6 && System.currentTimeMillis() < deadline) {
                a.poll(Duration.ofMillis(50));
            }
            assertEquals(6, a.assignment().size());
            b.subscribe(List.of(topic));
            deadline = System.currentTimeMillis() + 60_000;
            while ((a.assignment().size() != 3 || b.assignment().size() != 3) && System.currentTimeMillis() < deadline) {
                a.poll(Duration.ofMillis(50));
                b.poll(Duration.ofMillis(50));
            }
            assertEquals(3, a.assignment().size());
            assertEquals(3, b.assignment().size());
            assertEquals(1, revokedA.size(), "one revocation: " + revokedA);
            assertEquals(b.assignment(), revokedA.get(0), "exactly the partitions that moved to b were revoked");
        }
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void patternSubscriptionPicksUpNewTopics(Brokers.Target broker) throws Exception {
        String prefix = Brokers.uniqueTopic("pattern");
        broker.createTopic(prefix + "-a", 1);
        TestData.produce(broker.bootstrapServers(), prefix + "-a", 1, 5, 20, "none");
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), "g-" + prefix,
            Map.of(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 300))) {
            c.subscribe(Pattern.compile(Pattern.quote(prefix) + "-.*"));
            pollUntil(c, 5);
            assertEquals(Set.of(prefix + "-a"), c.subscription());
            broker.createTopic(prefix + "-b", 2);
            TestData.produce(broker.bootstrapServers(), prefix + "-b", 2, 4, 20, "none");
            List<ConsumerRecord<byte[], byte[]>> got = pollUntil(c, 8);
            assertTrue(got.stream().allMatch(r -> r.topic().equals(prefix + "-b")));
            assertEquals(Set.of(prefix + "-a", prefix + "-b"), c.subscription());
            assertEquals(3, c.assignment().size());
        }
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void metadataAndMetrics(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("meta");
        broker.createTopic(topic, 3);
        TestData.produce(broker.bootstrapServers(), topic, 3, 50, 20, "zstd");
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), "g-" + topic, Map.of())) {
            List<PartitionInfo> infos = c.partitionsFor(topic);
            assertEquals(3, infos.size());
            assertNotNull(infos.get(0).leader());
            assertTrue(c.partitionsFor("no-such-topic-" + topic).isEmpty());
            Map<String, List<PartitionInfo>> topics = c.listTopics();
            assertEquals(3, topics.get(topic).size());
            assertFalse(topics.containsKey("__consumer_offsets"), "internal topics are left out");

            c.subscribe(List.of(topic));
            pollUntil(c, 150);
            c.commitSync();
            Map<String, Double> values = new HashMap<>();
            for (Map.Entry<MetricName, ? extends Metric> e : c.metrics().entrySet()) {
                Object v = e.getValue().metricValue();
                if (v instanceof Double) {
                    values.put(e.getKey().name(), (Double) v);
                }
            }
            assertTrue(values.get("records-consumed-rate") > 0, values.toString());
            assertEquals(150.0, values.get("records-consumed-total"));
            assertTrue(values.get("fetch-latency-avg") >= 0, values.toString());
            assertTrue(values.get("fetch-total") >= 1, values.toString());
            assertTrue(values.get("fetch-size-avg") > 0, values.toString());
            assertTrue(values.get("fetch-size-max") >= values.get("fetch-size-avg"), values.toString());
            assertTrue(values.get("records-per-request-avg") > 0 && values.get("records-per-request-avg") <= 150,
                values.toString());
            assertTrue(values.containsKey("records-lag-max"), values.toString());
            assertTrue(values.get("commit-latency-avg") > 0, values.toString());
            assertTrue(values.containsKey("poll-idle-ratio-avg"), values.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void readCommittedReadsEverythingThatIsNotTransactional(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("rc-plain");
        broker.createTopic(topic, 1);
        TestData.produce(broker.bootstrapServers(), topic, 1, 20, 20, "lz4");
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), null,
            Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            assertEquals(20, pollUntil(c, 20).size());
            assertEquals(Map.of(tp, 20L), c.endOffsets(List.of(tp)));
        }
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void aSecondThreadGetsConcurrentModificationButMayWakeTheConsumerUp(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("threads");
        broker.createTopic(topic, 1);
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), null, Map.of())) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            AtomicReference<Throwable> other = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    try {
                        c.assignment();
                        other.set(new AssertionError("a second thread got in"));
                    } catch (java.util.ConcurrentModificationException e) {
                        c.wakeup();
                    }
                } catch (Throwable e) {
                    other.set(e);
                }
            });
            t.start();
            assertThrows(io.strand.common.errors.WakeupException.class, () -> c.poll(Duration.ofSeconds(20)));
            t.join();
            assertNull(other.get());
            assertEquals(1, c.assignment().size(), "the consumer still works afterwards");
        }
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void mixingSubscribeAndAssignIsAnError(Brokers.Target broker) {
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), "g-mix", Map.of())) {
            c.subscribe(List.of("a"));
            assertThrows(IllegalStateException.class, () -> c.assign(List.of(new TopicPartition("a", 0))));
            c.unsubscribe();
            c.assign(List.of(new TopicPartition("a", 0)));
            assertThrows(IllegalStateException.class, () -> c.subscribe(List.of("a")));
            assertThrows(IllegalStateException.class, () -> c.subscribe(Pattern.compile("a.*")));
            c.unsubscribe();
            assertThrows(IllegalStateException.class, () -> c.poll(Duration.ZERO), "poll without subscription");
            assertEquals(Collections.emptySet(), c.assignment());
        }
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void aStaticMemberRestartsWithoutWaitingForItsSession(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("static");
        broker.createTopic(topic, 4);
        String group = "g-static-" + topic;
        Map<String, Object> stat = new HashMap<>();
        stat.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "instance-1");
        stat.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 60_000);
        stat.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
        Map<String, Object> dyn = Map.of(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
        try (KafkaConsumer<byte[], byte[]> other = TestData.strandConsumer(broker.bootstrapServers(), group, dyn)) {
            Set<TopicPartition> before;
            try (KafkaConsumer<byte[], byte[]> first = TestData.strandConsumer(broker.bootstrapServers(), group, stat)) {
                first.subscribe(List.of(topic));
                other.subscribe(List.of(topic));
                long deadline = System.currentTimeMillis() + 60_000;
                while ((first.assignment().size() != 2 || other.assignment().size() != 2)
                    && System.currentTimeMillis() < deadline) {
                    first.poll(Duration.ofMillis(50));
                    other.poll(Duration.ofMillis(50));
                }
                before = first.assignment();
                assertEquals(2, before.size());
                assertTrue(first.groupMetadata().groupInstanceId().isPresent());
            } // a static member's close sends no LeaveGroup
            Set<TopicPartition> otherBefore = other.assignment();
            long restarted = System.currentTimeMillis();
            try (KafkaConsumer<byte[], byte[]> again = TestData.strandConsumer(broker.bootstrapServers(), group, stat)) {
                again.subscribe(List.of(topic));
                long deadline = System.currentTimeMillis() + 60_000;
                while (again.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
                    again.poll(Duration.ofMillis(50));
                    other.poll(Duration.ofMillis(50));
                }
                assertEquals(before, again.assignment(), "the restarted static member gets its partitions back");
                assertTrue(System.currentTimeMillis() - restarted < 60_000, "without waiting for session.timeout.ms");
                other.poll(Duration.ofMillis(100));
                assertEquals(otherBefore, other.assignment(), "the other member kept its partitions");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void interceptorsSeeAndChangeWhatPollReturnsAndSeeCommits(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("intercept");
        broker.createTopic(topic, 1);
        TestData.produce(broker.bootstrapServers(), topic, 1, 10, 20, "none");
        String clientId = "intercepted-" + topic;
        Map<String, Object> extra = new HashMap<>();
        extra.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, CountingInterceptor.class.getName());
        extra.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        extra.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), "g-" + topic, extra)) {
            c.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> got = pollUntil(c, 9);
            assertTrue(got.stream().noneMatch(r -> r.offset() == 3), "the interceptor's result is what poll returns");
            assertEquals(10, CountingInterceptor.CONSUMED.get(clientId).get());
            c.commitSync();
            assertEquals(1, CountingInterceptor.COMMITS.get(clientId).get());
        }
        assertEquals(Boolean.TRUE, CountingInterceptor.CLOSED.get(clientId));
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void aListenerThatThrowsFailsPollButNotTheConsumer(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("badlistener");
        broker.createTopic(topic, 1);
        TestData.produce(broker.bootstrapServers(), topic, 1, 5, 20, "none");
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), "g-" + topic, Map.of())) {
            c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    throw new IllegalStateException("listener bug");
                }
            });
            io.strand.common.KafkaException thrown = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (thrown == null && System.currentTimeMillis() < deadline) {
                try {
                    c.poll(Duration.ofMillis(100));
                } catch (io.strand.common.KafkaException e) {
                    thrown = e;
                }
            }
            assertNotNull(thrown);
            assertInstanceOf(IllegalStateException.class, thrown.getCause());
            assertEquals(1, c.assignment().size(), "the assignment took effect all the same");
            assertEquals(5, pollUntil(c, 5).size());
        }
    }

    /** Sanity that the helper above is not vacuous. */
    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void pollReturnsTheRecordsOfOnePollOnly(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("maxpollrecords");
        broker.createTopic(topic, 1);
        TestData.produce(broker.bootstrapServers(), topic, 1, 100, 20, "none");
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), null,
            Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 13))) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            int polls = 0;
            int total = 0;
            while (total < 100 && polls < 1000) {
                ConsumerRecords<byte[], byte[]> r = c.poll(Duration.ofMillis(200));
                assertTrue(r.count() <= 13, "max.poll.records exceeded: " + r.count());
                total += r.count();
                polls++;
            }
            assertEquals(100, total);
        }
    }
}
