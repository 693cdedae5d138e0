package io.strand.clients.producer;

/**
 * Told once when a sent record is acknowledged or has failed. Runs on the producer's sender
 * thread, so it should be quick: a slow callback delays every other completion.
 */
@FunctionalInterface
public interface Callback {

    /**
     * @param metadata the record's partition, offset and timestamp; when the send failed, a
     *     metadata with offset -1 that still names the topic and partition if they were known
     * @param exception null on success, otherwise why the record was not written
     */
    void onCompletion(RecordMetadata metadata, Exception exception);
}
