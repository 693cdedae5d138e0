package io.strand.common;

import java.io.Serializable;
import java.util.Objects;

/** A topic name and partition number. */
public final class TopicPartition implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int partition;
    private transient int hash;

    public TopicPartition(String topic, int partition) {
        this.topic = topic;
        this.partition = partition;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 31 * (31 + partition) + Objects.hashCode(topic);
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof TopicPartition)) {
            return false;
        }
        TopicPartition other = (TopicPartition) obj;
        return partition == other.partition && Objects.equals(topic, other.topic);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
