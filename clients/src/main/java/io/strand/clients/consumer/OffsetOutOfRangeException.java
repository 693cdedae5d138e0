package io.strand.clients.consumer;

import io.strand.common.TopicPartition;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/** A fetch position is outside the log and {@code auto.offset.reset=none}; maps each partition to the offset that was out of range. */
public class OffsetOutOfRangeException extends InvalidOffsetException {
    private static final long serialVersionUID = 1L;

    private final Map<TopicPartition, Long> offsetOutOfRangePartitions;

    public OffsetOutOfRangeException(Map<TopicPartition, Long> offsetOutOfRangePartitions) {
        this("Offsets out of range with no configured reset policy for partitions: " + offsetOutOfRangePartitions,
            offsetOutOfRangePartitions);
    }

    public OffsetOutOfRangeException(String message, Map<TopicPartition, Long> offsetOutOfRangePartitions) {
        super(message);
        this.offsetOutOfRangePartitions = Collections.unmodifiableMap(offsetOutOfRangePartitions);
    }

    public Map<TopicPartition, Long> offsetOutOfRangePartitions() {
        return offsetOutOfRangePartitions;
    }

    @Override
    public Set<TopicPartition> partitions() {
        return offsetOutOfRangePartitions.keySet();
    }
}
