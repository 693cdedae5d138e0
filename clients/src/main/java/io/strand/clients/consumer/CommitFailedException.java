package io.strand.clients.consumer;

import io.strand.common.KafkaException;

/**
 * An offset commit that cannot succeed by retrying: the group has moved on without this member
 * (it was removed, typically after {@code max.poll.interval.ms} passed between polls, or a
 * rebalance gave its partitions to others). The message says which.
 */
public class CommitFailedException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public CommitFailedException(String message) {
        super(message);
    }

    public CommitFailedException() {
        super("Commit cannot be completed since the group has already rebalanced and assigned the partitions "
            + "to another member. This means that the time between subsequent calls to poll() was longer than "
            + "the configured max.poll.interval.ms, which typically implies that the poll loop is spending too "
            + "much time message processing. You can address this either by increasing max.poll.interval.ms or "
            + "by reducing the maximum size of batches returned in poll() with max.poll.records.");
    }
}
