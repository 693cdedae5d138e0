package io.strand.clients.consumer;

import io.strand.common.TopicPartition;
import io.strand.common.config.Configurable;
import java.util.Map;

/**
 * Sees, and may change, the records {@code poll} returns, and sees the offsets committed.
 * Configured through {@code interceptor.classes}; {@link #configure} receives the consumer's
 * settings. Exceptions thrown here are logged and do not stop the consumer.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface ConsumerInterceptor<K, V> extends Configurable, AutoCloseable {

    /**
     * Called inside {@code poll}, on the caller's thread, just before the records are returned.
     * Whatever it returns is what the application gets.
     */
    ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records);

    /** Called when offsets were committed (synchronously or asynchronously, automatically or not). */
    void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets);

    @Override
    void close();
}
