package io.strand.clients.consumer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.common.TopicPartition;
import io.strand.common.errors.RebalanceInProgressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Strand consumer and an Apache consumer in one group, with the same assignor: they share the
 * partitions (disjoint, complete), whichever of them leads, and together read every record once.
 * The assignors' wire names and user data (sticky's previous assignment, cooperative-sticky's
 * generation and owned partitions) are what let them understand each other's subscriptions.
 */
class MixedGroupIT {

    private static final int PARTITIONS = 6;
    private static final int RECORDS = 600;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Brokers.Target broker : List.of(Brokers.STUB, Brokers.REAL)) {
            for (String assignor : List.of("range", "roundrobin", "sticky", "cooperative-sticky")) {
                out.add(Arguments.of(broker, assignor, "Apache member first"));
            }
            // Strand leading: it reads the Apache member's subscription and user data.
            for (String assignor : List.of("sticky", "cooperative-sticky")) {
                out.add(Arguments.of(broker, assignor, "Strand member first"));
            }
        }
        return out.stream();
    }

    private static String apacheClass(String assignor) {
        switch (assignor) {
            case "range":
                return org.apache.kafka.clients.consumer.RangeAssignor.class.getName();
            case "roundrobin":
                return org.apache.kafka.clients.consumer.RoundRobinAssignor.class.getName();
            case "sticky":
                return org.apache.kafka.clients.consumer.StickyAssignor.class.getName();
            default:
                return org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName();
        }
    }

    @ParameterizedTest(name = "{0} {1}, {2}")
    @MethodSource("cases")
    void strandAndApacheConsumersShareTheGroup(Brokers.Target broker, String assignor, String order) throws Exception {
        boolean strandFirst = order.startsWith("Strand");
        String topic = Brokers.uniqueTopic("mixed-" + assignor);
        String group = "mixed-" + topic;
        broker.createTopic(topic, PARTITIONS);
        TestData.produce(broker.bootstrapServers(), topic, PARTITIONS, RECORDS / PARTITIONS, 20, "none");

        ConcurrentHashMap<String, Integer> deliveries = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Set<TopicPartition>> apacheAssignment = new AtomicReference<>(Set.of());
        AtomicReference<Throwable> apacheFailure = new AtomicReference<>();

        // The Apache member names Apache's assignor class; the Strand member names the same
        // class too, which it reads as its own assignor of that name.
        Map<String, Object> apacheConfig = new HashMap<>();
        apacheConfig.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        apacheConfig.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, group);
        apacheConfig.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        apacheConfig.put(org.apache.kafka.clients.consumer.ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, apacheClass(assignor));
        apacheConfig.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Members learn of a rebalance from their heartbeats: beat often, so that the test is quick.
        apacheConfig.put(org.apache.kafka.clients.consumer.ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
        Thread apache = new Thread(() -> {
            try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> c =
                     new org.apache.kafka.clients.consumer.KafkaConsumer<>(apacheConfig, new ByteArrayDeserializer(),
                         new ByteArrayDeserializer())) {
                c.subscribe(List.of(topic));
                while (!stop.get()) {
                    for (org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                        deliveries.merge(r.partition() + "@" + r.offset(), 1, Integer::sum);
                    }
                    try {
                        c.commitSync();
                    } catch (org.apache.kafka.common.errors.RebalanceInProgressException e) {
                        // a cooperative rebalance is under way: the next poll completes it
                    }
                    Set<TopicPartition> now = new HashSet<>();
                    c.assignment().forEach(tp -> now.add(new TopicPartition(tp.topic(), tp.partition())));
                    apacheAssignment.set(now);
                }
            } catch (Throwable t) {
                apacheFailure.set(t);
            }
        }, "apache-member");
        apache.setDaemon(true);
        if (!strandFirst) {
            apache.start(); // Apache leads the group the Strand member joins
            long wait = System.currentTimeMillis() + 60_000;
            while (apacheAssignment.get().size() < PARTITIONS && apacheFailure.get() == null
                && System.currentTimeMillis() < wait) {
                Thread.sleep(20);
            }
        }

        Map<String, Object> extra = new HashMap<>();
        extra.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, apacheClass(assignor));
        extra.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        extra.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
        try (KafkaConsumer<byte[], byte[]> strand = TestData.strandConsumer(broker.bootstrapServers(), group, extra)) {
            strand.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 120_000;
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : strand.poll(Duration.ofMillis(100))) {
                    deliveries.merge(r.partition() + "@" + r.offset(), 1, Integer::sum);
                }
                try {
                    strand.commitSync();
                } catch (RebalanceInProgressException e) {
                    // a cooperative rebalance is under way: the next poll completes it
                }
                Set<TopicPartition> mine = strand.assignment();
                if (strandFirst && !apache.isAlive() && mine.size() == PARTITIONS) {
                    apache.start(); // Strand leads the group the Apache member joins
                }
                Set<TopicPartition> theirs = apacheAssignment.get();
                if (apacheFailure.get() != null) {
                    throw new AssertionError("the Apache consumer failed", apacheFailure.get());
                }
                Set<TopicPartition> union = new HashSet<>(mine);
                union.addAll(theirs);
                boolean disjoint = mine.stream().noneMatch(theirs::contains);
                if (!mine.isEmpty() && !theirs.isEmpty() && disjoint && union.size() == PARTITIONS
                    && deliveries.size() == RECORDS) {
                    assertEquals(PARTITIONS / 2, mine.size(), "an even share: " + mine + " / " + theirs);
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    fail("no shared assignment: Strand " + mine + ", Apache " + theirs + ", " + deliveries.size()
                        + " of " + RECORDS + " records read");
                }
            }
        } finally {
            stop.set(true);
            apache.join(30_000);
        }
        assertFalse(apache.isAlive());
        assertEquals(RECORDS, deliveries.size());
        assertTrue(deliveries.values().stream().allMatch(n -> n >= 1));
    }
}
