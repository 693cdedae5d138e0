package io.strand.clients.consumer.it;

import io.strand.clients.consumer.CloseOptions;
import io.strand.clients.consumer.CommitFailedException;
import io.strand.clients.consumer.ConsumerRebalanceListener;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.common.TopicPartition;
import io.strand.common.errors.RebalanceInProgressException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Strand consumer in a group on its own thread: poll, note every record, commitSync after
 * each poll; stops by leaving the group or by "dying" (closing without LeaveGroup, so the group
 * only notices when its session times out).
 */
final class GroupMember implements AutoCloseable {

    /** Every (partition, offset) seen by any member, with how many times. */
    static final class Seen {
        final ConcurrentHashMap<Long, AtomicInteger> counts = new ConcurrentHashMap<>();

        void record(int partition, long offset) {
            counts.computeIfAbsent(((long) partition << 40) | offset, k -> new AtomicInteger()).incrementAndGet();
        }

        int distinct() {
            return counts.size();
        }

        long duplicates() {
            return counts.values().stream().mapToLong(c -> c.get() - 1).sum();
        }

        boolean contains(int partition, long offset) {
            return counts.containsKey(((long) partition << 40) | offset);
        }
    }

    final String name;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Seen seen;
    private final Thread thread;
    private final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    final AtomicInteger commitFailures = new AtomicInteger();
    final AtomicInteger revocations = new AtomicInteger();
    final AtomicInteger losses = new AtomicInteger();
    private volatile boolean stop;
    private volatile boolean leave = true;

    GroupMember(String name, Brokers.Target broker, String group, String topic, Map<String, Object> extra, Seen seen) {
        this.name = name;
        this.seen = seen;
        this.consumer = TestData.strandConsumer(broker.bootstrapServers(), group, extra);
        this.thread = new Thread(() -> run(topic), "member-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String topic) {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        revocations.incrementAndGet();
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    losses.incrementAndGet();
                }
            });
            while (!stop) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    seen.record(r.partition(), r.offset());
                }
                if (!records.isEmpty()) {
                    try {
                        consumer.commitSync();
                    } catch (CommitFailedException | RebalanceInProgressException e) {
                        commitFailures.incrementAndGet();
                    }
                    Thread.sleep(5); // a little "processing", so that the group changes mid-stream
                }
                assignment.set(Set.copyOf(consumer.assignment()));
            }
            if (leave) {
                consumer.close();
            } else {
                consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                    .withTimeout(Duration.ofSeconds(5)));
            }
            assignment.set(Set.of());
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    Set<TopicPartition> assignment() {
        return assignment.get();
    }

    Throwable failure() {
        return failure.get();
    }

    /** Leaves the group (close with LeaveGroup) and waits for the thread. */
    void leave() throws InterruptedException {
        leave = true;
        stop = true;
        thread.join(60_000);
    }

    /** Stops without LeaveGroup and without heartbeats: the group finds out by session timeout. */
    void die() throws InterruptedException {
        leave = false;
        stop = true;
        thread.join(60_000);
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            leave();
        }
    }
}
