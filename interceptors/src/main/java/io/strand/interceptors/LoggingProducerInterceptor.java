package io.strand.interceptors;

import io.strand.clients.producer.ProducerInterceptor;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.interceptors.internals.RecordLog;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs records as they are sent and acknowledged, through slf4j:
 * <pre>
 *   interceptor.classes=io.strand.interceptors.LoggingProducerInterceptor
 *   interceptor.logging.level=INFO                # TRACE, DEBUG, INFO, WARN or ERROR
 *   interceptor.logging.sample.every=1            # log one record in n
 *   interceptor.logging.include.payload=false     # show keys and values (cut to 200 characters)
 *   interceptor.logging.logger=                   # logger name; empty: this class's name
 * </pre>
 * Lines look like {@code send orders[-] key=<hidden> value=<hidden> headers=2} and
 * {@code acked orders-3@1041}. Sends and acknowledgements are sampled separately, one in n each.
 * A failed send is always logged, at WARN with its exception, whatever the sampling and level.
 * When the logger is off for the level, nothing is counted or formatted. Thread-safe.
 */
public class LoggingProducerInterceptor<K, V> implements ProducerInterceptor<K, V> {

    private final AtomicLong sends = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private RecordLog log = new RecordLog(Map.of(), LoggingProducerInterceptor.class);

    @Override
    public void configure(Map<String, ?> configs) {
        this.log = new RecordLog(configs, LoggingProducerInterceptor.class);
    }

    @Override
    public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        if (log.enabled() && log.sample(sends)) {
            log.log("send {}[{}] key={} value={} headers={}", record.topic(),
                record.partition() == null ? "-" : record.partition(), log.show(record.key()),
                log.show(record.value()), record.headers().toArray().length);
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            log.logger().warn("send to {}-{} failed", metadata == null ? null : metadata.topic(),
                metadata == null ? null : metadata.partition(), exception);
        } else if (log.enabled() && log.sample(acks)) {
            log.log("acked {}-{}@{}", metadata.topic(), metadata.partition(), metadata.offset());
        }
    }

    @Override
    public void close() {
    }
}
