package io.strand.clients.consumer.internals;

import io.strand.clients.consumer.ConsumerInterceptor;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.common.TopicPartition;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured interceptors, called in order. An interceptor that throws is logged and
 * skipped (its input goes on to the next one), as in Kafka: interceptors observe, they must not
 * break consumption.
 */
public final class ConsumerInterceptors<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerInterceptors.class);

    private final List<ConsumerInterceptor<K, V>> interceptors;

    public ConsumerInterceptors(List<ConsumerInterceptor<K, V>> interceptors) {
        this.interceptors = interceptors;
    }

    public boolean isEmpty() {
        return interceptors.isEmpty();
    }

    public ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
        ConsumerRecords<K, V> current = records;
        for (ConsumerInterceptor<K, V> i : interceptors) {
            try {
                current = i.onConsume(current);
            } catch (Exception e) {
                log.warn("Error executing interceptor onConsume callback of {}", i.getClass().getName(), e);
            }
        }
        return current;
    }

    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        for (ConsumerInterceptor<K, V> i : interceptors) {
            try {
                i.onCommit(offsets);
            } catch (Exception e) {
                log.warn("Error executing interceptor onCommit callback of {}", i.getClass().getName(), e);
            }
        }
    }

    @Override
    public void close() {
        for (ConsumerInterceptor<K, V> i : interceptors) {
            try {
                i.close();
            } catch (Exception e) {
                log.error("Failed to close consumer interceptor {}", i.getClass().getName(), e);
            }
        }
    }
}
