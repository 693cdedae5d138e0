package io.strand.partitioners;

import io.strand.clients.producer.RoundRobinPartitioner;
import io.strand.clients.producer.Partitioner;
import io.strand.common.Cluster;
import io.strand.common.utils.Utils;
import java.util.Map;

/**
 * Maps a key to a partition so that adding partitions to a topic moves as few keys as possible:
 * going from N to N+1 partitions moves about 1/(N+1) of the keys, all of them to the new
 * partition, where the producer's default ({@code murmur2(key) mod N}) moves about N/(N+1).
 *
 * <p>It is jump consistent hash (Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash
 * Algorithm", 2014) seeded with the murmur2 hash of the serialized key. Jump hash can only add or
 * remove the highest-numbered bucket, which is exactly how Kafka topics grow: partitions are
 * appended, never removed. It needs no memory, takes O(log N) steps, and spreads keys evenly.
 *
 * <p>Measured on the 100,000 keys {@code "key-0"} .. {@code "key-99999"} (UTF-8), fraction of keys
 * whose partition changes when the topic grows from N to N+1 partitions
 * (ConsistentHashPartitionerTest checks these bounds):
 * <pre>
 *   N -> N+1     ideal 1/(N+1)   this partitioner   murmur2 mod N
 *   1 -> 2          0.500            0.501              0.500
 *   2 -> 3          0.333            0.333              0.667
 *   3 -> 4          0.250            0.249              0.749
 *   4 -> 5          0.200            0.201              0.801
 *   8 -> 9          0.111            0.112              0.889
 *  16 -> 17         0.059            0.059              0.941
 *  32 -> 33         0.030            0.030              0.969
 *  64 -> 65         0.015            0.016              0.985
 * 100 -> 101        0.010            0.010              0.990
 * </pre>
 *
 * <p>The price: keys are not where the producer's default or other Kafka clients put them, so do
 * not mix this partitioner with others on one topic if consumers rely on a key's partition. It
 * looks at the topic's partition count, not at which partitions have a leader: a key's partition
 * must not depend on broker availability. Records with a null key (or a key serializing to null)
 * have no place to keep, so they go round-robin over the partitions with a leader, as
 * {@link RoundRobinPartitioner} sends them.
 *
 * <p>Set {@code partitioner.class=io.strand.partitioners.ConsistentHashPartitioner}. No settings.
 * Thread-safe.
 */
public class ConsistentHashPartitioner implements Partitioner {

    /** The multiplier of jump hash's 64-bit linear congruential generator (from the paper). */
    private static final long LCG_MULTIPLIER = 2862933555777941757L;
    private static final double TWO_POW_31 = 1L << 31;

    private final RoundRobinPartitioner keyless = new RoundRobinPartitioner();

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                         Cluster cluster) {
        if (keyBytes == null) {
            return keyless.partition(topic, key, null, value, valueBytes, cluster);
        }
        return partitionForKey(keyBytes, cluster.partitionsForTopic(topic).size());
    }

    /** The partition of a serialized key among {@code partitions} partitions. */
    public static int partitionForKey(byte[] keyBytes, int partitions) {
        return jump(Utils.murmur2(keyBytes) & 0xffffffffL, partitions);
    }

    /**
     * Jump consistent hash: follows the key's pseudo-random sequence of "jumps" to ever higher
     * buckets and returns the last one below {@code buckets}. A key's jump points do not depend on
     * the bucket count, which is why growing the count only ever moves keys to the new buckets.
     */
    static int jump(long key, int buckets) {
        if (buckets <= 0) {
            throw new IllegalArgumentException("Partition count must be positive, was " + buckets);
        }
        long bucket = -1;
        long next = 0;
        while (next < buckets) {
            bucket = next;
            key = key * LCG_MULTIPLIER + 1;
            next = (long) ((bucket + 1) * (TWO_POW_31 / ((key >>> 33) + 1)));
        }
        return (int) bucket;
    }

    @Override
    public void close() {
    }
}
