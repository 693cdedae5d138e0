package io.strand.clients.producer.internals;

import io.strand.common.Cluster;
import io.strand.common.PartitionInfo;
import io.strand.common.utils.Utils;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The partitioning the producer does when neither the record nor {@code partitioner.class} chooses:
 * a keyed record goes to {@code toPositive(murmur2(key)) % partitions}, exactly as in every Apache
 * Kafka client; records without a key (or all records, with {@code partitioner.ignore.keys}) stick
 * to one partition until about {@code batch.size} bytes have gone to it, then move to another
 * (KIP-480's sticky partitioning with KIP-794's uniform switching).
 *
 * <p>Why sticky: spreading keyless records round robin makes many small batches, one per partition
 * per linger; sticking fills one batch at a time. Why switch on bytes rather than on a new batch
 * (as KIP-480 did): a partition whose batches drain slowly would otherwise get more records, since
 * it creates fewer batches. Switching happens only when the partition's open batch is full, so a
 * batch is never left half empty by a switch, except that a partition stuck past twice
 * {@code batch.size} moves on regardless.
 *
 * <p>The adaptive part of KIP-794 ({@code partitioner.adaptive.partitioning.enable}, weighting the
 * choice by queue sizes per broker) is not implemented: the next partition is chosen uniformly
 * among partitions that have a leader.
 *
 * <p>One instance per topic, shared by all threads that send: the current choice is an immutable
 * {@link StickyPartition} swapped atomically, so the send path reads it without a lock and
 * allocates only when it switches.
 */
public final class BuiltInPartitioner {

    private final String topic;
    private final int stickyBatchSize;
    private volatile StickyPartition current;

    public BuiltInPartitioner(String topic, int stickyBatchSize) {
        if (stickyBatchSize < 1) {
            throw new IllegalArgumentException("stickyBatchSize must be at least 1, got " + stickyBatchSize);
        }
        this.topic = topic;
        this.stickyBatchSize = stickyBatchSize;
    }

    /** The partition of a serialized key among {@code numPartitions}, the same as Apache Kafka's. */
    public static int partitionForKey(byte[] serializedKey, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(serializedKey)) % numPartitions;
    }

    /** Where records without a key go now; chooses one on first use. */
    public StickyPartition peekCurrentPartition(Cluster cluster) {
        StickyPartition sticky = current;
        if (sticky != null) {
            return sticky;
        }
        return switchFrom(null, cluster);
    }

    /**
     * Counts bytes appended to {@code sticky}'s partition, and moves on when enough have gone there.
     *
     * @param sticky the choice the bytes were appended under (from {@link #peekCurrentPartition})
     * @param enableSwitch whether the partition's last batch is full, so that a switch leaves no
     *     batch half-filled
     */
    public void updatePartitionInfo(StickyPartition sticky, int appendedBytes, Cluster cluster, boolean enableSwitch) {
        if (sticky != current) {
            return; // another thread already moved on; its bytes counted against the old choice
        }
        int produced = sticky.producedBytes.addAndGet(appendedBytes);
        if ((produced >= stickyBatchSize && enableSwitch) || produced >= 2 * stickyBatchSize) {
            switchFrom(sticky, cluster);
        }
    }

    /** Chooses a new partition unless another thread already replaced {@code previous}. */
    private StickyPartition switchFrom(StickyPartition previous, Cluster cluster) {
        synchronized (this) {
            StickyPartition now = current;
            if (now != previous) {
                return now;
            }
            StickyPartition next = new StickyPartition(nextPartition(cluster, previous == null ? -1 : previous.partition));
            current = next;
            return next;
        }
    }

    /**
     * A random partition with a leader, different from {@code previous} when there is a choice (a
     * "switch" to the same partition would make its batches twice as large as intended).
     */
    private int nextPartition(Cluster cluster, int previous) {
        List<PartitionInfo> available = cluster.availablePartitionsForTopic(topic);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (available.isEmpty()) {
            Integer count = cluster.partitionCountForTopic(topic);
            if (count == null || count == 0) {
                throw new IllegalStateException("No partitions known for topic " + topic);
            }
            return pickOther(random, count, previous);
        }
        if (available.size() == 1) {
            return available.get(0).partition();
        }
        int index = random.nextInt(available.size());
        if (available.get(index).partition() == previous) {
            index = (index + 1 + random.nextInt(available.size() - 1)) % available.size();
        }
        return available.get(index).partition();
    }

    private static int pickOther(ThreadLocalRandom random, int count, int previous) {
        if (count == 1 || previous < 0 || previous >= count) {
            return random.nextInt(count);
        }
        return (previous + 1 + random.nextInt(count - 1)) % count;
    }

    /** One sticky choice: the partition and the bytes appended to it since it was chosen. */
    public static final class StickyPartition {
        private final int partition;
        private final AtomicInteger producedBytes = new AtomicInteger();

        StickyPartition(int partition) {
            this.partition = partition;
        }

        public int partition() {
            return partition;
        }

        int producedBytes() {
            return producedBytes.get();
        }
    }
}
