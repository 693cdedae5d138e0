package io.strand.clients.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.clients.testkit.ForkedKafka;
import io.strand.common.KafkaException;
import io.strand.common.TopicPartition;
import io.strand.common.serialization.ByteArrayDeserializer;
import io.strand.common.serialization.ByteArraySerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka 4.1 broker process killed with SIGKILL in the middle of a Strand idempotent
 * producer (acks=all) and a Strand consumer group, then started again on the same port and
 * data directory ({@link ForkedKafka}: one KRaft node in a child JVM).
 *
 * <p>Checked:
 * <ul>
 *   <li>producer: every acknowledged record is in the log once, at its acknowledged offset, each
 *       partition in send order; every send completes (acknowledged, or failed with the
 *       delivery-timeout expiry) within delivery.timeout.ms of being sent, none hangs; every send
 *       made after the broker was back is acknowledged;</li>
 *   <li>consumer (commitSync after each batch): no offset skipped in any partition; a record is
 *       delivered again only from at or above the last acknowledged commit; the group's committed
 *       offsets after the restart are not below the last commit acknowledged before the kill; in
 *       the end the committed offsets are the log ends.</li>
 * </ul>
 * {@code -Dstrand.reliability.killRecords=N} sets how many records are acknowledged before the
 * kill and again after the restart.
 */
class RealKafkaKillIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(RealKafkaKillIntegrationTest.class);
    private static final int PARTITIONS = 3;
    private static final int PHASE_RECORDS = Integer.getInteger("strand.reliability.killRecords", 15_000);
    /** Records the run sends in all, as issue 8 asks of the idempotent producer: a million. */
    private static final int TOTAL_RECORDS = Integer.getInteger("strand.reliability.killTotal", 1_000_000);
    /** The broker is killed once this many are acknowledged: a third of the way in. */
    private static final int KILL_AT_ACKED = Math.max(PHASE_RECORDS, TOTAL_RECORDS / 3);
    private static final int DELIVERY_TIMEOUT_MS = 60_000;
    /** Room for a callback to run after the expiry that triggers it (the sender's sweep, a busy machine). */
    private static final int CALLBACK_GRACE_MS = 15_000;
    private static final int MAX_RECORDS = TOTAL_RECORDS + (1 << 18);
    private static final long WAIT_MS = 120_000;

    @Test
    void killedBrokerLosesNoAcknowledgedRecordOrCommitAndClientsResume() throws Exception {
        // After a kill the controller holds the dead incarnation's partitions until its broker session
        // expires (9 s by default): a shorter session brings the broker back sooner.
        ForkedKafka kafka = ForkedKafka.start(Map.of("broker.session.timeout.ms", "3000",
            "broker.heartbeat.interval.ms", "500"));
        List<Member> members = new CopyOnWriteArrayList<>();
        try {
            log.info("Forked Kafka started in {} ms", kafka.lastStartupMillis());
            String topic = "killed";
            String group = "killed-group";
            kafka.createTopic(topic, PARTITIONS);
            TrackedSends sends = new TrackedSends(PARTITIONS, MAX_RECORDS);
            Ledger ledger = new Ledger();
            java.util.function.Function<String, Member> member = name -> {
                Member m = new Member(name, kafka.bootstrapServers(), group, topic, ledger);
                members.add(m);
                m.start();
                return m;
            };
            Member a = member.apply("a");
            Member b = member.apply("b");
            Killer killer = new Killer(kafka, group, topic, sends, ledger, a, b, () -> member.apply("c"));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
                killer.start();
                // A steady stream (about 100k records/s) until TOTAL_RECORDS are sent, the broker is back
                // and PHASE_RECORDS more were acknowledged after it.
                while (sends.sent.get() < TOTAL_RECORDS
                    || !(killer.restartedAtSent >= 0 && sends.acked.get() >= killer.ackedAtRestart + PHASE_RECORDS)) {
                    if (killer.failure.get() != null || !killer.isAlive() && killer.restartedAtSent < 0) {
                        break;
                    }
                    // Small steps, so that sends are always pending (linger.ms is 5): bursts of 1,000 every
                    // 10 ms left gaps with everything acknowledged, and the kill could fall into one.
                    for (int k = 0; k < 100; k++) {
                        sends.send(producer, topic);
                    }
                    Thread.sleep(1);
                }
                killer.join(WAIT_MS);
                if (killer.failure.get() != null) {
                    throw new AssertionError("killing or restarting the broker failed", killer.failure.get());
                }
                // Every send completes, acknowledged or failed, within delivery.timeout.ms: no flush(),
                // which would wait forever for a send that hangs.
                sends.awaitAllCompleted(DELIVERY_TIMEOUT_MS + CALLBACK_GRACE_MS);
            }
            long records = sends.sent.get();
            Map<Integer, List<byte[]>> read = TopicReader.readAll(kafka.bootstrapServers(), topic, PARTITIONS,
                Duration.ofSeconds(60));
            long[] ends = new long[PARTITIONS];
            for (int p = 0; p < PARTITIONS; p++) {
                ends[p] = read.get(p).size();
            }
            ledger.awaitCommitted(ends, members);
            for (Member m : members) {
                m.finish();
            }

            // ---- the producer's records
            ReadBack check = ReadBack.check(read, PARTITIONS, records, sends::ackedOffset);
            int afterRestartNotAcked = 0;
            for (long i = killer.restartedAtSent; i < records; i++) {
                if (sends.ackedOffset(i) < 0) {
                    afterRestartNotAcked++;
                }
            }
            long pendingAtKillAcked = 0;
            for (long i = 0; i < killer.sentAtKill; i++) {
                if (sends.ackedOffset(i) >= 0 && sends.ackedAtNanos(i) > killer.killedAtNanos) {
                    pendingAtKillAcked++;
                }
            }
            // ---- the consumer's
            long wrongValue = 0;
            for (Map.Entry<Long, Long> e : ledger.values.entrySet()) {
                int p = (int) (e.getKey() >>> 40);
                long o = e.getKey() & ((1L << 40) - 1);
                if (o >= read.get(p).size() || ByteBuffer.wrap(read.get(p).get((int) o)).getLong() != e.getValue()) {
                    wrongValue++;
                }
            }
            log.info("REAL KAFKA KILLED: {} records sent; SIGKILL with {} sent / {} acknowledged, back after {} ms "
                    + "(child JVM start {} ms), {} sent meanwhile; {} acknowledged in the end ({} of the sends pending at "
                    + "the kill acknowledged after the restart), failures {}, slowest completion {} ms; read back {}: {} "
                    + "acknowledged but missing, {} not at their acknowledged offset, {} duplicated, {} out of send order. "
                    + "Consumers: {} processed, {} delivered again, {} gaps, {} below an acknowledged commit, {} values "
                    + "differing from the log, commits {}, b frozen with partitions {}, committed at the kill {}, after the "
                    + "restart {}, partitions taken up after the restart at {}, end {}",
                records, killer.sentAtKill, killer.ackedAtKill, killer.awayMillis, kafka.lastStartupMillis(),
                killer.restartedAtSent - killer.sentAtKill, sends.acked.get(), pendingAtKillAcked, sends.failures,
                sends.slowestMillis(), check.total(), check.lost(), check.wrongOffset(), check.duplicated(),
                check.misordered(), ledger.processed.get(), ledger.redelivered.get(), ledger.gaps, ledger.belowCommit, wrongValue,
                members.stream().map(m -> m.getName() + " " + m.commits.get() + " ok, failed " + m.commitFailures)
                    .collect(java.util.stream.Collectors.toList()), b.frozenWith, killer.committedAtKill,
                killer.committedAfterRestart, ledger.resumes, java.util.Arrays.toString(ends));
            log.info("The restarted broker's log recovery:\n{}", kafka.output().lines()
                .filter(l -> l.contains("ecover") || l.contains("unclean") || l.contains("clean shutdown"))
                .collect(java.util.stream.Collectors.joining("\n")));

            assertTrue(killer.sentAtKill > killer.ackedAtKill, "sends were pending when the broker was killed");
            assertEquals(0, sends.pending(), "sends that never completed");
            assertTrue(sends.slowestMillis() <= DELIVERY_TIMEOUT_MS + CALLBACK_GRACE_MS,
                "a send completed " + sends.slowestMillis() + " ms after it was made");
            for (String failure : sends.failures.keySet()) {
                assertTrue(failure.startsWith("TimeoutException") && failure.contains("delivery.timeout.ms"),
                    "a send failed with something else than the delivery-timeout expiry: " + sends.failures);
            }
            assertEquals(0, afterRestartNotAcked, "sends made after the restart, not acknowledged");
            assertEquals(0, check.lost(), "acknowledged but missing");
            assertEquals(0, check.wrongOffset(), "not at the acknowledged offset");
            assertEquals(0, check.duplicated(), "duplicated");
            assertEquals(0, check.misordered(), "out of send order");

            assertEquals(List.of(), ledger.gaps, "offsets the group skipped");
            assertEquals(List.of(), ledger.belowCommit, "records delivered again from below an acknowledged commit");
            assertEquals(0, wrongValue, "records the consumer saw with another value than the log has");
            for (int p = 0; p < PARTITIONS; p++) {
                long before = killer.committedAtKill.getOrDefault(p, 0L);
                long after = killer.committedAfterRestart.getOrDefault(p, 0L);
                assertTrue(after >= before, "partition " + p + ": committed " + before + " before the kill, " + after
                    + " after the restart");
            }
            assertTrue(killer.committedAtKill.values().stream().anyMatch(o -> o > 0), "something was committed before the kill");
            // The partitions b held when it froze were taken up after the restart exactly at the
            // offsets the broker had kept for the group.
            assertTrue(!b.frozenWith.isEmpty(), "b owned partitions when it froze");
            for (int p : b.frozenWith) {
                assertEquals(killer.committedAfterRestart.get(p), ledger.firstAfterRestart.get(p),
                    "where partition " + p + " of the frozen member was taken up after the restart");
            }
            for (int p = 0; p < PARTITIONS; p++) {
                assertEquals(ends[p], ledger.expected(p), "consumed up to the end of partition " + p);
            }
        } finally {
            try {
                for (Member m : members) {
                    m.finish();
                }
            } finally {
                kafka.close();
            }
        }
    }

    private static Map<String, Object> producerProps(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return props;
    }

    /**
     * Waits until records were acknowledged and committed, kills the broker (SIGKILL), keeps it
     * away half a second while the clients carry on, starts it again and reads the group's
     * committed offsets.
     */
    private static final class Killer extends Thread {
        private final ForkedKafka kafka;
        private final String group;
        private final String topic;
        private final TrackedSends sends;
        private final Ledger ledger;
        private final Member a;
        private final Member b;
        private final java.util.function.Supplier<Member> replacement;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile long sentAtKill = -1;
        volatile long ackedAtKill = -1;
        volatile long killedAtNanos;
        volatile long restartedAtSent = -1;
        volatile long ackedAtRestart;
        volatile long awayMillis;
        volatile Map<Integer, Long> committedAtKill = Map.of();
        volatile Map<Integer, Long> committedAfterRestart = Map.of();

        Killer(ForkedKafka kafka, String group, String topic, TrackedSends sends, Ledger ledger, Member a, Member b,
               java.util.function.Supplier<Member> replacement) {
            super("broker-killer");
            setDaemon(true);
            this.kafka = kafka;
            this.group = group;
            this.topic = topic;
            this.sends = sends;
            this.ledger = ledger;
            this.a = a;
            this.b = b;
            this.replacement = replacement;
        }

        @Override
        public void run() {
            try {
                long deadline = System.currentTimeMillis() + WAIT_MS;
                // Killed once both members have committed and every partition has a commit, so that
                // the group must resume from commits the broker had to keep.
                while (sends.acked.get() < KILL_AT_ACKED || sends.pending() == 0 || a.commits.get() == 0 || b.commits.get() == 0
                    || ledger.ackedCommits().values().stream().anyMatch(o -> o == 0)) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new AssertionError(sends.acked.get() + " records acknowledged, commits "
                            + ledger.ackedCommits() + " after " + WAIT_MS + " ms");
                    }
                    for (Member m : List.of(a, b)) {
                        if (m.failure.get() != null) {
                            throw new AssertionError(m.getName() + " failed", m.failure.get());
                        }
                    }
                    Thread.sleep(5);
                }
                // b processes one more batch and is stuck before committing it when the broker dies.
                b.freeze();
                killedAtNanos = System.nanoTime();
                ackedAtKill = sends.acked.get();
                sentAtKill = sends.sent.get();
                kafka.kill();
                committedAtKill = ledger.ackedCommits();
                ledger.restarted = true;
                Thread.sleep(500);
                kafka.start();
                awayMillis = (System.nanoTime() - killedAtNanos) / 1_000_000;
                ackedAtRestart = sends.acked.get();
                restartedAtSent = sends.sent.get();
                committedAfterRestart = committed();
                // b leaves; c joins: b's partitions must be taken up from the commits the broker kept.
                b.finish();
                replacement.get();
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        /** The group's committed offsets, read with Apache's admin client (it waits out the coordinator's loading). */
        private Map<Integer, Long> committed() throws Exception {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Map<Integer, Long> out = new HashMap<>();
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS)
                    .forEach((tp, om) -> {
                        if (tp.topic().equals(topic) && om != null) {
                            out.put(tp.partition(), om.offset());
                        }
                    });
                return out;
            }
        }
    }

    /**
     * What the group's members did, per partition: the offsets processed (the next one expected),
     * the commits acknowledged, and every violation seen as it happened.
     */
    private static final class Ledger {
        final long[] expected = new long[PARTITIONS];
        private final long[] ackedCommit = new long[PARTITIONS];
        final List<String> gaps = new CopyOnWriteArrayList<>();
        final List<String> belowCommit = new CopyOnWriteArrayList<>();
        /** Where each member took up each partition after the restart: "member p=offset". */
        final List<String> resumes = new CopyOnWriteArrayList<>();
        final Map<Integer, Long> firstAfterRestart = new ConcurrentHashMap<>();
        /** (partition << 40 | offset) -> value, as delivered. */
        final Map<Long, Long> values = new ConcurrentHashMap<>();
        final AtomicLong processed = new AtomicLong();
        final AtomicLong redelivered = new AtomicLong();
        volatile boolean restarted;

        /** One record processed by a member; {@code previous} is the offset it processed last in that partition, or null. */
        synchronized void processed(String member, int p, long o, Long previous, long value) {
            if (previous == null) {
                // A partition taken up (first assignment or after a rebalance): at the committed
                // offset, which is at or above every acknowledged commit and at or below what was processed.
                if (o < ackedCommit[p]) {
                    belowCommit.add(member + ": partition " + p + " taken up at " + o + ", below the acknowledged commit "
                        + ackedCommit[p]);
                }
                if (o > expected[p]) {
                    gaps.add(member + ": partition " + p + " taken up at " + o + ", but only " + expected[p]
                        + " were processed");
                }
                if (restarted) {
                    resumes.add(member + " " + p + "=" + o);
                    firstAfterRestart.putIfAbsent(p, o);
                }
            } else if (o != previous + 1) {
                gaps.add(member + ": partition " + p + " offset " + o + " after " + previous);
            }
            if (o < expected[p]) {
                redelivered.incrementAndGet();
            }
            expected[p] = Math.max(expected[p], o + 1);
            values.put(((long) p << 40) | o, value);
            processed.incrementAndGet();
        }

        synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
            offsets.forEach((tp, om) -> ackedCommit[tp.partition()] = Math.max(ackedCommit[tp.partition()], om.offset()));
        }

        synchronized Map<Integer, Long> ackedCommits() {
            Map<Integer, Long> out = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                out.put(p, ackedCommit[p]);
            }
            return out;
        }

        synchronized long expected(int p) {
            return expected[p];
        }

        void awaitCommitted(long[] ends, List<Member> members) throws InterruptedException {
            Map<Integer, Long> target = new HashMap<>();
            for (int p = 0; p < ends.length; p++) {
                target.put(p, ends[p]);
            }
            long deadline = System.currentTimeMillis() + WAIT_MS;
            while (!ackedCommits().equals(target)) {
                for (Member m : members) {
                    if (m.failure.get() != null) {
                        throw new AssertionError(m.getName() + " failed", m.failure.get());
                    }
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("the group committed " + ackedCommits() + ", not the ends " + target
                        + ", within " + WAIT_MS + " ms");
                }
                Thread.sleep(20);
            }
        }
    }

    /**
     * A group member: poll, process each record, commitSync the batch's next offsets. Asked to
     * freeze, it processes one more batch without committing it and stops polling (a member
     * stuck while the broker dies); {@link #finish()} then closes it (LeaveGroup).
     */
    private static final class Member extends Thread {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String topic;
        private final Ledger ledger;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicLong commits = new AtomicLong();
        final List<String> commitFailures = new CopyOnWriteArrayList<>();
        /** The partitions owned when frozen. */
        volatile Set<Integer> frozenWith;
        /** The offset processed last per partition since it was assigned; the member's thread only. */
        private final Map<Integer, Long> last = new HashMap<>();
        private volatile boolean freezeRequested;
        private volatile boolean stop;
        private boolean finished;

        Member(String name, String bootstrap, String group, String topic, Ledger ledger) {
            super("member-" + name);
            setDaemon(true);
            Map<String, Object> p = new HashMap<>();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
            // b's close after the restart sends LeaveGroup only if its heartbeat thread has found the
            // coordinator again by then (as in Apache's client); if not, the group waits for its
            // session to expire: the broker's minimum, not the 45 s default.
            p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
            // A commit while the broker is away gives up after this, and the member polls on.
            p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            p.put(ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
            p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
            this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.topic = topic;
            this.ledger = ledger;
        }

        @Override
        public void run() {
            try {
                consumer.subscribe(List.of(topic), new io.strand.clients.consumer.ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                        partitions.forEach(tp -> last.remove(tp.partition()));
                    }

                    @Override
                    public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                        partitions.forEach(tp -> last.remove(tp.partition()));
                    }
                });
                while (!stop) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    if (records.isEmpty()) {
                        continue;
                    }
                    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        ledger.processed(getName(), r.partition(), r.offset(), last.get(r.partition()),
                            ByteBuffer.wrap(r.value()).getLong());
                        last.put(r.partition(), r.offset());
                        next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    }
                    if (freezeRequested) {
                        Set<Integer> owned = new HashSet<>();
                        consumer.assignment().forEach(tp -> owned.add(tp.partition()));
                        frozenWith = owned;
                        while (!stop) {
                            Thread.sleep(10);
                        }
                        return;
                    }
                    try {
                        consumer.commitSync(next);
                        commits.incrementAndGet();
                        ledger.committed(next);
                    } catch (KafkaException e) {
                        // The broker is away (a timeout), or the group moved on: these records are
                        // uncommitted, and may come again from the last commit.
                        commitFailures.add(e.getClass().getSimpleName());
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        /** Processes one more batch, does not commit it, stops polling; waits for that. */
        void freeze() throws InterruptedException {
            freezeRequested = true;
            long deadline = System.currentTimeMillis() + WAIT_MS;
            while (frozenWith == null) {
                if (failure.get() != null || System.currentTimeMillis() > deadline) {
                    throw new AssertionError(getName() + " did not freeze", failure.get());
                }
                Thread.sleep(5);
            }
        }

        /** Stops polling and closes the consumer (LeaveGroup), once. */
        synchronized void finish() throws InterruptedException {
            if (finished) {
                return;
            }
            finished = true;
            stop = true;
            join(WAIT_MS);
            consumer.close(Duration.ofSeconds(10));
            if (failure.get() != null) {
                throw new AssertionError(getName() + " failed", failure.get());
            }
        }
    }
}
