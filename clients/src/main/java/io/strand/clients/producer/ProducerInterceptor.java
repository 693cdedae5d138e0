package io.strand.clients.producer;

import io.strand.common.Configurable;
import io.strand.common.header.Headers;

/**
 * Sees every record before it is serialized and every acknowledgement, in the order of
 * {@code interceptor.classes}. An interceptor that throws is logged and skipped; the record goes on.
 *
 * <p>{@link #onSend} runs on the caller's thread; {@link #onAcknowledgement} on the sender thread
 * (or the caller's, when send fails before the record is queued), so it must be quick and
 * thread-safe.
 */
public interface ProducerInterceptor<K, V> extends Configurable, AutoCloseable {

    /**
     * Runs before the key and value are serialized and the partition is chosen. The returned record
     * is the one sent (and passed to the next interceptor).
     */
    ProducerRecord<K, V> onSend(ProducerRecord<K, V> record);

    /**
     * Runs when the record is acknowledged or fails, before the user's callback.
     *
     * @param metadata the record's metadata; offset -1 when the send failed
     * @param exception null on success
     */
    default void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    /** The same, with the record's (read-only) headers; the default forgets them. */
    default void onAcknowledgement(RecordMetadata metadata, Exception exception, Headers headers) {
        onAcknowledgement(metadata, exception);
    }

    @Override
    void close();
}
