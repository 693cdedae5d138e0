package io.strand.interceptors;

import io.strand.clients.producer.ProducerInterceptor;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.config.ConfigDef;
import io.strand.common.config.ConfigDef.Importance;
import io.strand.common.config.ConfigDef.NonEmptyString;
import io.strand.common.config.ConfigDef.Type;
import io.strand.common.header.Headers;
import io.strand.common.header.internals.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every record a trace id header, so that a consumer (with {@link TracingConsumerInterceptor}
 * and {@link TraceContext}) can tie its work, and its logs, to the work that produced the record:
 * <pre>
 *   interceptor.classes=io.strand.interceptors.TracingProducerInterceptor
 *   interceptor.tracing.header=strand.trace.id     # the default
 * </pre>
 * The id is, in order of preference: the one the record already carries in that header (sent
 * unchanged, no copy made); the sending thread's {@link TraceContext#current()}, so that a
 * consume-process-produce loop passes its input's id on; or a new random one.
 *
 * <p>A failed send is logged at DEBUG with its trace id. Thread-safe.
 */
public class TracingProducerInterceptor<K, V> implements ProducerInterceptor<K, V> {

    public static final ConfigDef CONFIG = new ConfigDef()
        .define(TraceContext.HEADER_CONFIG, Type.STRING, TraceContext.DEFAULT_HEADER, new NonEmptyString(),
            Importance.MEDIUM, "Tracing interceptors: the header carrying the trace id (UTF-8 text).");

    private static final Logger log = LoggerFactory.getLogger(TracingProducerInterceptor.class);

    private final LongAdder carried = new LongAdder();
    private final LongAdder inherited = new LongAdder();
    private final LongAdder generated = new LongAdder();
    private String header = TraceContext.DEFAULT_HEADER;

    @Override
    public void configure(Map<String, ?> configs) {
        this.header = (String) CONFIG.parse(configs).get(TraceContext.HEADER_CONFIG);
    }

    @Override
    public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        if (TraceContext.traceId(record.headers(), header) != null) {
            carried.increment();
            return record;
        }
        String id = TraceContext.current();
        if (id != null) {
            inherited.increment();
        } else {
            id = TraceContext.newTraceId();
            generated.increment();
        }
        RecordHeaders headers = new RecordHeaders(record.headers());
        headers.remove(header);
        headers.add(header, id.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(),
            record.value(), headers);
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception, Headers headers) {
        if (exception != null && log.isDebugEnabled()) {
            log.debug("Send of trace {} to {}-{} failed: {}", headers == null ? null : TraceContext.traceId(headers,
                header), metadata == null ? null : metadata.topic(), metadata == null ? null : metadata.partition(),
                exception.toString());
        }
    }

    /** Records that arrived with a trace id. */
    public long carriedCount() {
        return carried.sum();
    }

    /** Records that took the sending thread's current trace id. */
    public long inheritedCount() {
        return inherited.sum();
    }

    /** Records that got a new trace id. */
    public long generatedCount() {
        return generated.sum();
    }

    @Override
    public void close() {
    }
}
