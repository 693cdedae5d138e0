package io.strand.clients.producer;

import io.strand.common.Cluster;
import io.strand.common.Configurable;
import java.io.Closeable;

/**
 * Chooses the partition of a record that names none, when {@code partitioner.class} is set.
 * Without it the producer uses its built-in logic (murmur2 of the key; uniform sticky batching
 * for records without a key).
 */
public interface Partitioner extends Configurable, Closeable {

    /**
     * @param keyBytes the serialized key, or null
     * @param valueBytes the serialized value, or null
     * @param cluster the producer's current view of the cluster, in which the topic is known
     * @return a partition number of the topic, from 0 to its partition count - 1
     */
    int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster);

    /** Releases what the partitioner holds; called when the producer closes. */
    @Override
    void close();
}
