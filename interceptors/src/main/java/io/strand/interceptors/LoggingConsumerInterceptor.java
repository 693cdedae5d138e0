package io.strand.interceptors;

import io.strand.clients.consumer.ConsumerInterceptor;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.common.TopicPartition;
import io.strand.interceptors.internals.RecordLog;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs the records {@code poll} returns and the offsets committed, through slf4j, with the same
 * settings as {@link LoggingProducerInterceptor} ({@code interceptor.logging.level},
 * {@code .sample.every}, {@code .include.payload}, {@code .logger}). Lines look like
 * {@code consumed orders-3@1041 key=<hidden> value=<hidden>} (sampled, one record in n) and
 * {@code committed {orders-3=OffsetAndMetadata{offset=1042, ...}}} (every commit).
 */
public class LoggingConsumerInterceptor<K, V> implements ConsumerInterceptor<K, V> {

    private final AtomicLong consumed = new AtomicLong();
    private RecordLog log = new RecordLog(Map.of(), LoggingConsumerInterceptor.class);

    @Override
    public void configure(Map<String, ?> configs) {
        this.log = new RecordLog(configs, LoggingConsumerInterceptor.class);
    }

    @Override
    public ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
        if (log.enabled()) {
            for (ConsumerRecord<K, V> r : records) {
                if (log.sample(consumed)) {
                    log.log("consumed {}-{}@{} key={} value={}", r.topic(), r.partition(), r.offset(),
                        log.show(r.key()), log.show(r.value()));
                }
            }
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (log.enabled()) {
            log.log("committed {}", offsets);
        }
    }

    @Override
    public void close() {
    }
}
