package io.strand.clients.consumer;

import io.strand.common.TopicPartition;
import java.util.Collection;

/**
 * Told when the group takes partitions from this consumer or gives it new ones. Every callback
 * runs on the thread that called {@code poll} (or {@code close}/{@code unsubscribe}), inside
 * that call. With the cooperative protocol, {@link #onPartitionsRevoked} names only the
 * partitions that move to another member.
 */
public interface ConsumerRebalanceListener {

    /**
     * Partitions this consumer gives up in an orderly rebalance; commit their offsets here.
     * Not called for partitions that were lost (see {@link #onPartitionsLost}).
     */
    void onPartitionsRevoked(Collection<TopicPartition> partitions);

    /** Partitions now owned (with the cooperative protocol, only the newly added ones). */
    void onPartitionsAssigned(Collection<TopicPartition> partitions);

    /**
     * Partitions that may already belong to another member, because this one fell out of the
     * group (session timeout, fenced generation): committing their offsets would fail. By
     * default the same as {@link #onPartitionsRevoked}.
     */
    default void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }
}
