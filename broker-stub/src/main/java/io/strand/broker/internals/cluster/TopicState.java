package io.strand.broker.internals.cluster;

import io.strand.common.Uuid;
import java.util.List;

/** A topic: name, id, configuration and partitions. Partitions only grow; the list is replaced, never changed. */
public final class TopicState {

    private final String name;
    private final Uuid id;
    private final TopicConfig config;
    private volatile List<PartitionState> partitions;

    TopicState(String name, Uuid id, TopicConfig config, List<PartitionState> partitions) {
        this.name = name;
        this.id = id;
        this.config = config;
        this.partitions = List.copyOf(partitions);
    }

    public String name() {
        return name;
    }

    public Uuid id() {
        return id;
    }

    public TopicConfig config() {
        return config;
    }

    public List<PartitionState> partitions() {
        return partitions;
    }

    public int partitionCount() {
        return partitions.size();
    }

    /** The partition, or null when the index is out of range. */
    public PartitionState partition(int index) {
        List<PartitionState> p = partitions;
        return index >= 0 && index < p.size() ? p.get(index) : null;
    }

    void setPartitions(List<PartitionState> grown) {
        this.partitions = List.copyOf(grown);
    }
}
