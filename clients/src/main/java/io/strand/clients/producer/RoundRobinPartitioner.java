package io.strand.clients.producer;

import io.strand.common.Cluster;
import io.strand.common.PartitionInfo;
import io.strand.common.utils.Utils;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spreads records over a topic's partitions in turn, ignoring the key, as Apache Kafka's
 * {@code RoundRobinPartitioner} does: one counter per topic, starting at 0; the n-th record of a
 * topic goes to the (n mod a)-th of its a partitions that have a leader. When none has a leader it
 * takes partition n mod (partition count), so the record waits there rather than failing.
 *
 * <p>Use it when every partition should get the same number of records and order between records
 * does not matter. Records of one key end up on different partitions. Thread-safe: the counter is
 * atomic, so concurrent senders never skip or repeat a partition, though their records interleave.
 *
 * <p>Set {@code partitioner.class=io.strand.partitioners.RoundRobinPartitioner}. No settings.
 */
public class RoundRobinPartitioner implements Partitioner {

    private final ConcurrentMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                         Cluster cluster) {
        int next = Utils.toPositive(counters.computeIfAbsent(topic, t -> new AtomicInteger()).getAndIncrement());
        List<PartitionInfo> available = cluster.availablePartitionsForTopic(topic);
        if (!available.isEmpty()) {
            return available.get(next % available.size()).partition();
        }
        return next % cluster.partitionsForTopic(topic).size();
    }

    @Override
    public void close() {
    }
}
