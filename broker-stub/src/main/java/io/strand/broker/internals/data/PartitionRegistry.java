package io.strand.broker.internals.data;

import io.strand.broker.internals.cluster.ClusterListener;
import io.strand.broker.internals.cluster.ClusterState;
import io.strand.broker.internals.cluster.TopicState;
import io.strand.broker.internals.log.LogManager;
import io.strand.broker.internals.log.PartitionLog;
import io.strand.common.TopicPartition;
import io.strand.common.record.TimestampType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data of every partition, opened on first use. Deleting a topic closes and deletes its
 * logs and wakes any Fetch parked on them.
 */
public final class PartitionRegistry implements ClusterListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionRegistry.class);

    private final LogManager logs;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();

    public PartitionRegistry(LogManager logs) {
        this.logs = logs;
    }

    /**
     * The partition's data, its log created on first use; null when {@code topic} has been
     * deleted meanwhile. Creation holds the cluster's lock, so a request that raced a DeleteTopics
     * cannot leave a log behind for a topic that no longer exists.
     */
    public Partition get(ClusterState cluster, TopicState topic, TopicPartition tp) {
        Partition p = partitions.get(tp);
        if (p != null) {
            return p;
        }
        synchronized (cluster) {
            if (cluster.topic(tp.topic()) != topic) {
                return null;
            }
            return partitions.computeIfAbsent(tp, k -> new Partition(k, logs.getOrCreate(k)));
        }
    }

    /**
     * After a restart: adopts the logs found on disk for known topics, rebuilding their producer
     * state, and deletes those of topics the metadata no longer has (deleted before the stop).
     *
     * @return the highest producer id found in any log, or -1
     */
    public long recover(ClusterState cluster) {
        long maxProducerId = -1;
        for (Map.Entry<TopicPartition, PartitionLog> e : logs.all().entrySet()) {
            TopicPartition tp = e.getKey();
            TopicState topic = cluster.topic(tp.topic());
            if (topic == null || topic.partition(tp.partition()) == null) {
                log.warn("Deleting the log of {}: no such partition in the metadata", tp);
                logs.delete(tp.topic());
                continue;
            }
            Partition p = new Partition(tp, e.getValue());
            p.recoverProducers(topic.config().timestampType() == TimestampType.LOG_APPEND_TIME);
            maxProducerId = Math.max(maxProducerId, p.maxProducerId());
            partitions.put(tp, p);
        }
        return maxProducerId;
    }

    @Override
    public void topicCreated(TopicState topic) {
    }

    @Override
    public void topicChanged(TopicState topic) {
    }

    @Override
    public void topicDeleted(TopicState topic) {
        partitions.entrySet().removeIf(e -> {
            if (e.getKey().topic().equals(topic.name())) {
                e.getValue().wakeListeners();
                return true;
            }
            return false;
        });
        logs.delete(topic.name());
    }

    @Override
    public void close() {
        logs.close();
    }
}
