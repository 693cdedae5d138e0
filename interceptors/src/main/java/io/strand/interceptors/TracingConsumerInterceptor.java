package io.strand.interceptors;

import io.strand.clients.consumer.ConsumerInterceptor;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer half of tracing: makes sure every record {@code poll} returns carries a trace id,
 * adding a new one to records that arrive without (produced without
 * {@link TracingProducerInterceptor}), so that the application can always
 * {@linkplain TraceContext#activate(ConsumerRecord, String) activate} the record's id while it
 * processes it (see {@link TraceContext} for the loop; the MDC then carries it into every log
 * line). An id added here exists only in this consumer; it is not written back to Kafka.
 * <pre>
 *   interceptor.classes=io.strand.interceptors.TracingConsumerInterceptor
 *   interceptor.tracing.header=strand.trace.id     # must match the producer's; the default
 * </pre>
 * Should the consumer hand out read-only headers, records without an id are left alone and
 * {@code TraceContext.activate} makes one up per record instead. Use from the polling thread.
 */
public class TracingConsumerInterceptor<K, V> implements ConsumerInterceptor<K, V> {

    private static final Logger log = LoggerFactory.getLogger(TracingConsumerInterceptor.class);

    private final LongAdder carried = new LongAdder();
    private final LongAdder generated = new LongAdder();
    private String header = TraceContext.DEFAULT_HEADER;
    private boolean warnedReadOnly;

    @Override
    public void configure(Map<String, ?> configs) {
        this.header = (String) TracingProducerInterceptor.CONFIG.parse(configs).get(TraceContext.HEADER_CONFIG);
    }

    /** The header this consumer reads trace ids from, for {@link TraceContext#activate(ConsumerRecord, String)}. */
    public String header() {
        return header;
    }

    @Override
    public ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
        for (ConsumerRecord<K, V> record : records) {
            if (TraceContext.traceId(record.headers(), header) != null) {
                carried.increment();
                continue;
            }
            try {
                record.headers().add(header, TraceContext.newTraceId().getBytes(StandardCharsets.UTF_8));
                generated.increment();
            } catch (IllegalStateException readOnly) {
                if (!warnedReadOnly) {
                    warnedReadOnly = true;
                    log.warn("Record headers are read-only; records without {} keep none", header);
                }
            }
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    /** Records that arrived with a trace id. */
    public long carriedCount() {
        return carried.sum();
    }

    /** Records given a new trace id here. */
    public long generatedCount() {
        return generated.sum();
    }

    @Override
    public void close() {
    }
}
