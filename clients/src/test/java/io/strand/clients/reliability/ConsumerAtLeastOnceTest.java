package io.strand.clients.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strand.broker.StubBroker;
import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.clients.producer.ProducerRecord;
import io.strand.common.TopicPartition;
import io.strand.common.serialization.ByteArrayDeserializer;
import io.strand.common.serialization.ByteArraySerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once consumption by a group of Strand consumers while members crash and others join.
 * A producer keeps writing to a six-partition topic of the bundled broker; each member polls,
 * processes every record of the batch, then commitSync()s. A crash happens in the middle of a
 * batch: the member has processed part of it, then its network goes away without a commit or a
 * LeaveGroup, and the group only finds out when its session expires.
 *
 * <p>What is checked, per record (partition, offset):
 * <ul>
 *   <li>every record written is processed at least once;</li>
 *   <li>a record is processed again only if an earlier processing of it was not covered by a
 *       commit: {@code processings - 1 <= uncommitted processings}, where a processing is
 *       uncommitted when its member crashed before committing it or the commitSync after its
 *       batch failed (a rebalance);</li>
 *   <li>every record a member processed just before crashing is processed again by the member
 *       that takes its partition over (nothing is skipped because of the crash).</li>
 * </ul>
 * So the duplicates are at least the crash windows and at most the crash windows plus the
 * batches whose commit failed.
 */
class ConsumerAtLeastOnceTest {

    private static final Logger log = LoggerFactory.getLogger(ConsumerAtLeastOnceTest.class);
    private static final int PARTITIONS = 6;
    private static final int SESSION_TIMEOUT_MS = 6_000; // the broker's group.min.session.timeout.ms
    private static final long WAIT_MS = 120_000;

    @Test
    void everyRecordProcessedAtLeastOnceAndDuplicatesOnlyFromUncommittedProcessing() throws Exception {
        try (StubBroker broker = StubBroker.start()) {
            String topic = "at-least-once";
            String group = "at-least-once-group";
            broker.createTopic(topic, PARTITIONS);
            Ledger ledger = new Ledger();
            Writer writer = new Writer(broker.bootstrapServers(), topic);
            List<Member> all = new ArrayList<>();
            try {
                writer.start();
                Member a = member("a", broker, group, topic, ledger, all);
                Member b = member("b", broker, group, topic, ledger, all);
                Member c = member("c", broker, group, topic, ledger, all);
                await("a, b and c share the partitions", List.of(a, b, c), () -> shared(List.of(a, b, c)));

                Member d = member("d", broker, group, topic, ledger, all);
                await("d joined", List.of(a, b, c, d), () -> shared(List.of(a, b, c, d)));

                a.crashMidBatch();
                await("a's partitions moved after its session expired", List.of(b, c, d), () -> shared(List.of(b, c, d)));

                b.crashMidBatch();
                Member e = member("e", broker, group, topic, ledger, all);
                await("b crashed while e joined", List.of(c, d, e), () -> shared(List.of(c, d, e)));

                c.crashMidBatch();
                await("c crashed, d and e remain", List.of(d, e), () -> shared(List.of(d, e)));

                writer.finish();
                long[] ends = writer.endOffsets;
                await("everything written was processed", List.of(d, e), () -> ledger.processedUpTo(ends));
                d.leave();
                e.leave();
                for (Member m : all) {
                    if (m.failure.get() != null) {
                        throw new AssertionError(m.name + " failed", m.failure.get());
                    }
                }
                check(ledger, writer, all);
                // The group's committed offsets are the ends of the partitions.
                try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(consumerProps(broker, group),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                    Set<TopicPartition> tps = new HashSet<>();
                    for (int p = 0; p < PARTITIONS; p++) {
                        tps.add(new TopicPartition(topic, p));
                    }
                    Map<TopicPartition, OffsetAndMetadata> committed = probe.committed(tps, Duration.ofSeconds(30));
                    Map<TopicPartition, Long> logEnds = probe.endOffsets(tps, Duration.ofSeconds(30));
                    for (TopicPartition tp : tps) {
                        assertEquals(ends[tp.partition()], logEnds.get(tp), "records written to " + tp);
                        assertEquals(ends[tp.partition()], committed.get(tp).offset(), "committed offset of " + tp);
                    }
                }
            } finally {
                writer.finish();
                for (Member m : all) {
                    m.leave();
                }
            }
        }
    }

    private static void check(Ledger ledger, Writer writer, List<Member> members) {
        long written = 0;
        long missing = 0;
        long duplicates = 0;
        long recordsTwice = 0;
        long beyondBound = 0;
        long crashWindowNotRedelivered = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            written += writer.endOffsets[p];
            for (long o = 0; o < writer.endOffsets[p]; o++) {
                long key = Ledger.key(p, o);
                int times = ledger.processed.getOrDefault(key, 0);
                int uncommitted = ledger.uncommitted.getOrDefault(key, 0);
                if (times == 0) {
                    missing++;
                    continue;
                }
                duplicates += times - 1;
                if (times > 1) {
                    recordsTwice++;
                }
                if (times - 1 > uncommitted) {
                    beyondBound++;
                }
                // Each processing cut short by a crash is followed by another one of the same record.
                if (times - 1 < ledger.crashed.getOrDefault(key, 0)) {
                    crashWindowNotRedelivered++;
                }
            }
        }
        long crashWindow = ledger.crashProcessings.get();
        long failedCommitWindow = ledger.failedCommitProcessings.get();
        StringBuilder perMember = new StringBuilder();
        for (Member m : members) {
            perMember.append(String.format("%s: %d batches, %d commits, %d failed, %d crash window; ", m.name,
                m.batches.get(), m.commits.get(), m.commitFailures.get(), m.crashWindow.get()));
        }
        log.info("AT-LEAST-ONCE RESULT: {} records written, {} processings, {} missing, {} extra processings of {} "
                + "records; uncommitted window {} processings = {} by members just before they crashed + {} in batches "
                + "whose commitSync failed; {} records processed more often than the bound allows, {} crash-window "
                + "processings not followed by another; {}", written, ledger.total.get(), missing, duplicates, recordsTwice,
            crashWindow + failedCommitWindow, crashWindow, failedCommitWindow, beyondBound, crashWindowNotRedelivered,
            perMember);
        assertEquals(0, missing, "records never processed");
        assertEquals(0, beyondBound, "records processed again although every earlier processing was committed");
        assertEquals(0, crashWindowNotRedelivered, "records a member processed just before crashing, not processed again");
        assertEquals(3, members.stream().filter(m -> m.crashWindow.get() > 0).count(),
            "each of the 3 crashes happened mid-batch, after processing part of it");
        assertTrue(duplicates >= crashWindow && duplicates <= crashWindow + failedCommitWindow,
            duplicates + " duplicates, window " + crashWindow + " + " + failedCommitWindow);
    }

    private static Member member(String name, StubBroker broker, String group, String topic, Ledger ledger,
                                 List<Member> all) {
        Member m = new Member(name, new KafkaConsumer<>(consumerProps(broker, group), new ByteArrayDeserializer(),
            new ByteArrayDeserializer()), topic, ledger);
        all.add(m);
        m.start();
        return m;
    }

    private static Map<String, Object> consumerProps(StubBroker broker, String group) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        // Bounds a rebalance that waits for a member that will not come back.
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 30_000);
        return p;
    }

    /** The members share every partition, each holding some, none twice. */
    private static boolean shared(List<Member> members) {
        Set<TopicPartition> union = new HashSet<>();
        int sum = 0;
        for (Member m : members) {
            Set<TopicPartition> owned = m.assignment.get();
            if (owned.isEmpty()) {
                return false;
            }
            union.addAll(owned);
            sum += owned.size();
        }
        return union.size() == PARTITIONS && sum == PARTITIONS;
    }

    private static void await(String what, List<Member> members, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            for (Member m : members) {
                if (m.failure.get() != null) {
                    throw new AssertionError(m.name + " failed while waiting for: " + what, m.failure.get());
                }
            }
            if (System.currentTimeMillis() > deadline) {
                StringBuilder state = new StringBuilder();
                members.forEach(m -> state.append(m.name).append('=').append(m.assignment.get()).append(' '));
                fail("timed out waiting for: " + what + "; " + state);
            }
            Thread.sleep(20);
        }
        log.info("Group: {}", what);
    }

    /** How often each record was processed, and how many of those processings no commit covered. */
    static final class Ledger {
        final Map<Long, Integer> processed = new HashMap<>();
        final Map<Long, Integer> uncommitted = new HashMap<>();
        /** Processings by a member that then crashed before committing, per record. */
        final Map<Long, Integer> crashed = new HashMap<>();
        final AtomicInteger crashProcessings = new AtomicInteger();
        final AtomicInteger failedCommitProcessings = new AtomicInteger();
        final AtomicInteger total = new AtomicInteger();

        static long key(int partition, long offset) {
            return ((long) partition << 40) | offset;
        }

        synchronized void processed(long key) {
            processed.merge(key, 1, Integer::sum);
            total.incrementAndGet();
        }

        synchronized void notCommitted(List<Long> keys, boolean crash) {
            for (long k : keys) {
                uncommitted.merge(k, 1, Integer::sum);
                if (crash) {
                    crashed.merge(k, 1, Integer::sum);
                }
            }
            (crash ? crashProcessings : failedCommitProcessings).addAndGet(keys.size());
        }

        synchronized boolean processedUpTo(long[] ends) {
            // Each partition is processed in offset order: its last record comes last.
            for (int p = 0; p < ends.length; p++) {
                if (ends[p] > 0 && !processed.containsKey(key(p, ends[p] - 1))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A group member on its own thread: poll, process each record, commitSync; or crash mid-batch. */
    private static final class Member extends Thread {
        final String name;
        final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger commitFailures = new AtomicInteger();
        final AtomicInteger crashWindow = new AtomicInteger();
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String topic;
        private final Ledger ledger;
        private final AtomicBoolean crashRequested = new AtomicBoolean();
        private volatile boolean stop;

        Member(String name, KafkaConsumer<byte[], byte[]> consumer, String topic, Ledger ledger) {
            super("member-" + name);
            setDaemon(true);
            this.name = name;
            this.consumer = consumer;
            this.topic = topic;
            this.ledger = ledger;
        }

        @Override
        public void run() {
            boolean crashed = false;
            try {
                consumer.subscribe(List.of(topic));
                while (!stop && !crashed) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    assignment.set(Set.copyOf(consumer.assignment()));
                    if (records.isEmpty()) {
                        continue;
                    }
                    batches.incrementAndGet();
                    // A crash processes half the batch (at least one record), then stops dead.
                    int limit = crashRequested.get() ? (records.count() + 1) / 2 : Integer.MAX_VALUE;
                    List<Long> batch = new ArrayList<>(records.count());
                    for (var r : records) {
                        if (batch.size() == limit) {
                            break;
                        }
                        long key = Ledger.key(r.partition(), r.offset());
                        ledger.processed(key);
                        batch.add(key);
                    }
                    if (limit != Integer.MAX_VALUE) {
                        crashed = true;
                        crashWindow.set(batch.size());
                        ledger.notCommitted(batch, true);
                        break;
                    }
                    try {
                        consumer.commitSync();
                        commits.incrementAndGet();
                    } catch (io.strand.clients.consumer.CommitFailedException
                             | io.strand.common.errors.RebalanceInProgressException e) {
                        // Another member may get these records again: they are in the window.
                        commitFailures.incrementAndGet();
                        ledger.notCommitted(batch, false);
                    }
                }
                if (crashed) {
                    // The process is gone: no commit, no LeaveGroup, connections closed; the
                    // coordinator only notices when the session expires.
                    consumer.close(io.strand.clients.consumer.CloseOptions.groupMembershipOperation(
                        io.strand.clients.consumer.CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                        .withTimeout(Duration.ZERO));
                } else {
                    consumer.close();
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                assignment.set(Set.of());
            }
        }

        /** Crashes in the middle of the next batch it gets, and waits for that. */
        void crashMidBatch() throws InterruptedException {
            crashRequested.set(true);
            join(WAIT_MS);
            if (isAlive()) {
                throw new AssertionError(name + " got no batch to crash in within " + WAIT_MS + " ms");
            }
            if (failure.get() != null) {
                throw new AssertionError(name + " failed", failure.get());
            }
        }

        /** Stops polling and closes the consumer normally (LeaveGroup). */
        void leave() throws InterruptedException {
            stop = true;
            join(WAIT_MS);
        }
    }

    /** Writes records to every partition at a steady pace until finished; knows the end offsets. */
    private static final class Writer extends Thread {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean done;
        private boolean finished;
        volatile long[] endOffsets;

        Writer(String bootstrap, String topic) {
            super("writer");
            setDaemon(true);
            Map<String, Object> p = new HashMap<>();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
            this.topic = topic;
        }

        @Override
        public void run() {
            long n = 0;
            try {
                while (!done) {
                    for (int i = 0; i < 30; i++, n++) {
                        producer.send(new ProducerRecord<>(topic, (int) (n % PARTITIONS), null,
                            ByteBuffer.allocate(8).putLong(n).array()), (md, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                    }
                    Thread.sleep(10);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            producer.flush();
            long[] ends = new long[PARTITIONS];
            for (int p = 0; p < PARTITIONS; p++) {
                ends[p] = n / PARTITIONS + (p < n % PARTITIONS ? 1 : 0);
            }
            endOffsets = ends;
        }

        /** Stops writing, waits until everything is acknowledged, and closes the producer (once). */
        synchronized void finish() throws InterruptedException {
            if (finished) {
                return;
            }
            finished = true;
            done = true;
            join(WAIT_MS);
            producer.close(Duration.ofSeconds(30));
            if (failure.get() != null) {
                throw new AssertionError("writing failed", failure.get());
            }
        }
    }
}
