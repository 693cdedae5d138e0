package io.strand.clients.consumer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.CooperativeStickyAssignor;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three Strand consumers in one group on a six-partition topic: they join and share the
 * partitions; one leaves; one dies without leaving and its partitions move to the last one once
 * its session times out. Every consumer commits after each poll, so nothing is lost; records
 * delivered twice (around rebalances) are counted and reported.
 */
class GroupIT {

    private static final Logger log = LoggerFactory.getLogger(GroupIT.class);
    private static final int PARTITIONS = 6;
    private static final int PER_PHASE = 1000;
    private static final int SESSION_TIMEOUT_MS = 6000;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Brokers.Target broker : List.of(Brokers.STUB, Brokers.REAL)) {
            out.add(Arguments.of(broker, "default (range, eager)", null));
            out.add(Arguments.of(broker, "cooperative-sticky", CooperativeStickyAssignor.class.getName()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void joinShareLeaveDieNothingLost(Brokers.Target broker, String label, String assignor) throws Exception {
        String topic = Brokers.uniqueTopic("group");
        String group = "group-it-" + topic;
        broker.createTopic(topic, PARTITIONS);
        Map<String, Object> extra = new HashMap<>();
        extra.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        extra.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        extra.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        extra.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1000);
        if (assignor != null) {
            extra.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor);
        }
        GroupMember.Seen seen = new GroupMember.Seen();
        TestData.produce(broker.bootstrapServers(), topic, PARTITIONS, PER_PHASE, 20, "none");

        try (GroupMember a = new GroupMember("a", broker, group, topic, extra, seen);
             GroupMember b = new GroupMember("b", broker, group, topic, extra, seen);
             GroupMember c = new GroupMember("c", broker, group, topic, extra, seen)) {
            List<GroupMember> all = List.of(a, b, c);
            // 1. They join and share: six partitions, disjoint, two each.
            await("three members share six partitions", all, () -> shared(all, 3) && seen.distinct() >= PARTITIONS * PER_PHASE);
            for (GroupMember m : all) {
                assertEquals(2, m.assignment().size(), m.name + " holds " + m.assignment());
            }

            // 2. One leaves; the other two take over and read what is produced meanwhile.
            a.leave();
            assertNull(a.failure());
            TestData.produce(broker.bootstrapServers(), topic, PARTITIONS, PER_PHASE, 20, "none");
            await("two members share six partitions after one left", List.of(b, c),
                () -> shared(List.of(b, c), 2) && seen.distinct() >= 2 * PARTITIONS * PER_PHASE);

            // 3. One dies without leaving: its partitions move to the last member once its session expires.
            long died = System.currentTimeMillis();
            b.die();
            assertNull(b.failure());
            await("the last member takes all partitions of the dead one", List.of(c), () -> c.assignment().size() == PARTITIONS);
            long moved = System.currentTimeMillis() - died;
            TestData.produce(broker.bootstrapServers(), topic, PARTITIONS, PER_PHASE, 20, "none");
            await("everything read", List.of(c), () -> seen.distinct() >= 3 * PARTITIONS * PER_PHASE);

            // Nothing lost: every offset of every partition was delivered.
            int total = 3 * PARTITIONS * PER_PHASE;
            for (int p = 0; p < PARTITIONS; p++) {
                for (long o = 0; o < 3L * PER_PHASE; o++) {
                    if (!seen.contains(p, o)) {
                        fail("partition " + p + " offset " + o + " was never delivered");
                    }
                }
            }
            assertEquals(total, seen.distinct());
            log.info("GROUP RESULT {} {}: {} records, {} delivered twice or more ({} extra deliveries), partitions of the "
                    + "dead member moved after {} ms (session.timeout.ms {}), commit failures a={} b={} c={}, "
                    + "revocations a={} b={} c={}, losses c={}", broker, label, total,
                seen.counts.values().stream().filter(x -> x.get() > 1).count(), seen.duplicates(), moved,
                SESSION_TIMEOUT_MS, a.commitFailures, b.commitFailures, c.commitFailures, a.revocations,
                b.revocations, c.revocations, c.losses);
            // Detected by the session timeout, not by a LeaveGroup: not before it, and (generously) not long after.
            assertTrue(moved >= SESSION_TIMEOUT_MS / 2, "moved after " + moved + " ms, before the session could expire");
            assertTrue(moved < SESSION_TIMEOUT_MS + 30_000, "moved after " + moved + " ms");
        }
        // The group's committed offsets are at the end of every partition.
        try (KafkaConsumer<byte[], byte[]> check = TestData.strandConsumer(broker.bootstrapServers(), group, Map.of())) {
            Set<TopicPartition> tps = new HashSet<>();
            for (int p = 0; p < PARTITIONS; p++) {
                tps.add(new TopicPartition(topic, p));
            }
            Map<TopicPartition, OffsetAndMetadata> committed = check.committed(tps);
            for (TopicPartition tp : tps) {
                assertEquals(3L * PER_PHASE, committed.get(tp).offset(), "committed offset of " + tp);
            }
        }
    }

    private static boolean shared(List<GroupMember> members, int count) {
        Set<TopicPartition> union = new HashSet<>();
        int sum = 0;
        for (GroupMember m : members) {
            if (m.assignment().isEmpty()) {
                return false;
            }
            union.addAll(m.assignment());
            sum += m.assignment().size();
        }
        return union.size() == PARTITIONS && sum == PARTITIONS && members.size() == count;
    }

    private static void await(String what, List<GroupMember> members, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.getAsBoolean()) {
            for (GroupMember m : members) {
                if (m.failure() != null) {
                    throw new AssertionError(m.name + " failed while waiting for: " + what, m.failure());
                }
            }
            if (System.currentTimeMillis() > deadline) {
                StringBuilder state = new StringBuilder();
                members.forEach(m -> state.append(m.name).append('=').append(m.assignment()).append(' '));
                fail("timed out waiting for: " + what + "; " + state);
            }
            Thread.sleep(20);
        }
    }
}
