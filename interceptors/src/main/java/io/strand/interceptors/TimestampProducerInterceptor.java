package io.strand.interceptors;

import io.strand.clients.producer.ProducerInterceptor;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.config.ConfigDef;
import io.strand.common.config.ConfigDef.Importance;
import io.strand.common.config.ConfigDef.Type;
import io.strand.common.header.internals.RecordHeaders;
import io.strand.interceptors.internals.SendTimeHeader;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Stamps each record with the time it was sent, in a header that {@link LatencyConsumerInterceptor}
 * reads to measure end-to-end latency:
 * <pre>
 *   interceptor.classes=io.strand.interceptors.TimestampProducerInterceptor
 *   interceptor.timestamp.header=strand.send.time     # the default
 *   interceptor.timestamp.value.prefix=false          # the default
 * </pre>
 * The header holds the wall-clock milliseconds at {@code onSend} as 8 bytes, big-endian (what
 * Kafka's {@code LongDeserializer} reads). A header of that name already on the record is
 * replaced, so a record forwarded from another topic carries the time of its last send.
 *
 * <p>With {@code interceptor.timestamp.value.prefix=true} the value also becomes
 * {@code millis + separator + value} ({@code "1718000000000,hello"}), as the well-known
 * TimeInterceptor example does. That rewrites the value, so it only works for {@code String}
 * values, with a {@code StringSerializer}: any other value type makes {@code onSend} throw, the
 * producer logs the exception and sends the record without this interceptor's changes. Null
 * values (tombstones) stay null. Consumers then see the prefix in every value; prefer the header
 * unless a downstream reader cannot see headers.
 *
 * <p>The record's own timestamp is left alone (the producer sets it when it is null). Thread-safe:
 * no state besides the settings.
 */
public class TimestampProducerInterceptor<K, V> implements ProducerInterceptor<K, V> {

    public static final String HEADER_CONFIG = SendTimeHeader.HEADER_CONFIG;
    public static final String DEFAULT_HEADER = SendTimeHeader.DEFAULT_HEADER;
    public static final String VALUE_PREFIX_CONFIG = "interceptor.timestamp.value.prefix";
    public static final String VALUE_SEPARATOR_CONFIG = "interceptor.timestamp.value.separator";

    public static final ConfigDef CONFIG = SendTimeHeader.defineHeader(new ConfigDef())
        .define(VALUE_PREFIX_CONFIG, Type.BOOLEAN, false, Importance.LOW,
            "TimestampProducerInterceptor: also prefix String values with the send time and the separator.")
        .define(VALUE_SEPARATOR_CONFIG, Type.STRING, ",", Importance.LOW,
            "TimestampProducerInterceptor: what separates the time from the value when prefixing.");

    private final LongSupplier clock;
    private String header = DEFAULT_HEADER;
    private boolean prefixValue;
    private String separator = ",";

    public TimestampProducerInterceptor() {
        this(System::currentTimeMillis);
    }

    TimestampProducerInterceptor(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> parsed = CONFIG.parse(configs);
        this.header = (String) parsed.get(HEADER_CONFIG);
        this.prefixValue = (Boolean) parsed.get(VALUE_PREFIX_CONFIG);
        // Untrimmed, unlike what ConfigDef returns: a separator may well be a space.
        Object raw = configs.get(VALUE_SEPARATOR_CONFIG);
        this.separator = raw instanceof String ? (String) raw : (String) parsed.get(VALUE_SEPARATOR_CONFIG);
    }

    @Override
    public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        long now = clock.getAsLong();
        V value = prefixValue ? prefixed(record, now) : record.value();
        // A new header set: the caller's record may be sent again and its headers become read-only once sent.
        RecordHeaders headers = new RecordHeaders(record.headers());
        headers.remove(header);
        headers.add(header, SendTimeHeader.encode(now));
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(), value,
            headers);
    }

    @SuppressWarnings("unchecked")
    private V prefixed(ProducerRecord<K, V> record, long now) {
        V value = record.value();
        if (value == null) {
            return null;
        }
        if (!(value instanceof String)) {
            throw new IllegalArgumentException(VALUE_PREFIX_CONFIG + "=true needs String values, but a record for "
                + "topic '" + record.topic() + "' has a " + value.getClass().getName());
        }
        return (V) (now + separator + value);
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
