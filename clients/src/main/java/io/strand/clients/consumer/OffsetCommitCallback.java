package io.strand.clients.consumer;

import io.strand.common.TopicPartition;
import java.util.Map;

/** Told when an asynchronous commit completes; runs on the consumer's thread, inside a later call. */
public interface OffsetCommitCallback {

    /**
     * @param offsets   what was committed (or tried)
     * @param exception null on success; otherwise why the commit failed, e.g. a
     *                  {@link CommitFailedException} or a {@link RetriableCommitFailedException}
     */
    void onComplete(Map<TopicPartition, OffsetAndMetadata> offsets, Exception exception);
}
