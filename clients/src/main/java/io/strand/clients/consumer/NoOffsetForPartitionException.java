package io.strand.clients.consumer;

import io.strand.common.TopicPartition;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** No committed offset and {@code auto.offset.reset=none} (or no reset policy for a seek): the application must seek. */
public class NoOffsetForPartitionException extends InvalidOffsetException {
    private static final long serialVersionUID = 1L;

    private final Set<TopicPartition> partitions;

    public NoOffsetForPartitionException(TopicPartition partition) {
        this(Collections.singleton(partition));
    }

    public NoOffsetForPartitionException(Collection<TopicPartition> partitions) {
        super("Undefined offset with no reset policy for partitions: " + partitions
            + " (auto.offset.reset is none; seek to a position or set it to earliest or latest)");
        this.partitions = Collections.unmodifiableSet(new LinkedHashSet<>(partitions));
    }

    @Override
    public Set<TopicPartition> partitions() {
        return partitions;
    }
}
