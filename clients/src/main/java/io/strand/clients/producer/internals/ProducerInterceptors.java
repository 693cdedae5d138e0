package io.strand.clients.producer.internals;

import io.strand.clients.producer.ProducerInterceptor;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.TopicPartition;
import io.strand.common.header.Headers;
import io.strand.common.record.RecordBatch;
import java.io.Closeable;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code interceptor.classes} chain. As in Kafka, an interceptor that throws is logged and
 * skipped: the record goes on with what the previous interceptor returned, and the remaining
 * interceptors still run.
 */
public final class ProducerInterceptors<K, V> implements Closeable {

    static final Logger LOG = LoggerFactory.getLogger(ProducerInterceptors.class);

    /** An array rather than a list: the send path walks it for every record without an iterator. */
    private final ProducerInterceptor<K, V>[] interceptors;

    @SuppressWarnings("unchecked")
    public ProducerInterceptors(List<ProducerInterceptor<K, V>> interceptors) {
        this.interceptors = interceptors.toArray(new ProducerInterceptor[0]);
    }

    public boolean isEmpty() {
        return interceptors.length == 0;
    }

    /** Runs each interceptor's onSend on the record the previous one returned. */
    public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        ProducerRecord<K, V> current = record;
        for (ProducerInterceptor<K, V> interceptor : interceptors) {
            try {
                ProducerRecord<K, V> next = interceptor.onSend(current);
                if (next != null) {
                    current = next;
                } else {
                    LOG.warn("Interceptor {} returned null from onSend; keeping the record it was given",
                        interceptor.getClass().getName());
                }
            } catch (RuntimeException e) {
                LOG.warn("Error executing interceptor onSend callback for topic: {}, partition: {}",
                    current.topic(), current.partition(), e);
            }
        }
        return current;
    }

    public void onAcknowledgement(RecordMetadata metadata, Exception exception, Headers headers) {
        for (ProducerInterceptor<K, V> interceptor : interceptors) {
            try {
                interceptor.onAcknowledgement(metadata, exception, headers);
            } catch (RuntimeException e) {
                LOG.warn("Error executing interceptor onAcknowledgement callback", e);
            }
        }
    }

    /**
     * A record failed before it reached a batch (serialization, partitioning, memory): interceptors
     * hear of it with the partition if one was chosen, as in Kafka.
     */
    public void onSendError(ProducerRecord<K, V> record, TopicPartition tp, Exception exception) {
        if (interceptors.length == 0) {
            return;
        }
        TopicPartition where = tp;
        if (where == null) {
            int partition = record == null || record.partition() == null
                ? RecordMetadata.UNKNOWN_PARTITION : record.partition();
            where = new TopicPartition(record == null ? null : record.topic(), partition);
        }
        RecordMetadata metadata = new RecordMetadata(where, -1L, -1, RecordBatch.NO_TIMESTAMP, -1, -1);
        onAcknowledgement(metadata, exception, record == null ? null : record.headers());
    }

    @Override
    public void close() {
        for (ProducerInterceptor<K, V> interceptor : interceptors) {
            try {
                interceptor.close();
            } catch (RuntimeException e) {
                LOG.error("Failed to close producer interceptor {}", interceptor.getClass().getName(), e);
            }
        }
    }
}
