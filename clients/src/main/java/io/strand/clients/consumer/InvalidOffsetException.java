package io.strand.clients.consumer;

import io.strand.common.KafkaException;
import io.strand.common.TopicPartition;
import java.util.Set;

/** The consumer has no usable position for some partitions; {@link #partitions()} says which. Seek to fix it. */
public abstract class InvalidOffsetException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public InvalidOffsetException(String message) {
        super(message);
    }

    public abstract Set<TopicPartition> partitions();
}
