package io.strand.interceptors;

import io.strand.clients.producer.ProducerInterceptor;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts records sent, acknowledged and failed, failures by exception type, and logs the totals
 * when the producer closes (at INFO, or WARN when some failed):
 * <pre>
 *   Producer producer-1: 9998 of 10000 records acknowledged, 2 failed (TimeoutException=2), 0 pending
 * </pre>
 * The same figures are available at any time from the getters, for metrics or tests. "Pending" is
 * sent minus completed: records still buffered or in flight (nonzero at close only if the producer
 * was closed without waiting).
 *
 * <p>Set {@code interceptor.classes=io.strand.interceptors.CountingProducerInterceptor}. No settings.
 * Thread-safe and cheap: counting goes through {@link LongAdder}s, which do not contend between
 * the sending threads and the sender thread.
 */
public class CountingProducerInterceptor<K, V> implements ProducerInterceptor<K, V> {

    private static final Logger log = LoggerFactory.getLogger(CountingProducerInterceptor.class);

    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> failuresByType = new ConcurrentHashMap<>();
    private String clientId = "";

    @Override
    public void configure(Map<String, ?> configs) {
        Object id = configs.get("client.id");
        this.clientId = id == null ? "" : id.toString();
    }

    @Override
    public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        sent.increment();
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            acknowledged.increment();
        } else {
            failed.increment();
            failuresByType.computeIfAbsent(exception.getClass().getSimpleName(), k -> new LongAdder()).increment();
        }
    }

    /** Records that went through {@code onSend}. */
    public long sentCount() {
        return sent.sum();
    }

    /** Records the broker acknowledged. */
    public long successCount() {
        return acknowledged.sum();
    }

    /** Records that failed, before or after reaching a broker. */
    public long failureCount() {
        return failed.sum();
    }

    /** Failures by the simple name of their exception class, sorted by name. */
    public Map<String, Long> failuresByType() {
        Map<String, Long> copy = new TreeMap<>();
        failuresByType.forEach((type, n) -> copy.put(type, n.sum()));
        return copy;
    }

    @Override
    public void close() {
        long ok = successCount();
        long bad = failureCount();
        long total = sentCount();
        String line = "Producer {}: {} of {} records acknowledged, {} failed{}, {} pending";
        StringBuilder types = new StringBuilder();
        failuresByType().forEach((type, n) -> types.append(types.length() == 0 ? " (" : ", ").append(type)
            .append('=').append(n));
        if (types.length() > 0) {
            types.append(')');
        }
        Object[] args = {clientId, ok, total, bad, types, total - ok - bad};
        if (bad == 0) {
            log.info(line, args);
        } else {
            log.warn(line, args);
        }
    }
}
