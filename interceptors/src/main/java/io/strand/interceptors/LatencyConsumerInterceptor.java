package io.strand.interceptors;

import io.strand.clients.consumer.ConsumerInterceptor;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.common.TopicPartition;
import io.strand.common.config.ConfigDef;
import io.strand.common.config.ConfigDef.Importance;
import io.strand.common.config.ConfigDef.Range;
import io.strand.common.config.ConfigDef.Type;
import io.strand.common.record.TimestampType;
import io.strand.interceptors.internals.LogHistogram;
import io.strand.interceptors.internals.SendTimeHeader;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures end-to-end latency, from the send time {@link TimestampProducerInterceptor} stamped on
 * a record to the moment {@code poll} hands the record to the application, and reports p50, p90,
 * p99 and max through slf4j when the consumer closes (and every
 * {@code interceptor.latency.report.interval.ms} if set), and at any time through
 * {@link #snapshot()} and {@link #valueAtPercentile(double)}:
 * <pre>
 *   interceptor.classes=io.strand.interceptors.LatencyConsumerInterceptor
 *   interceptor.timestamp.header=strand.send.time          # must match the producer's; the default
 *   interceptor.latency.report.interval.ms=0                # 0: report only on close
 *   interceptor.latency.record.timestamp.fallback=false
 * </pre>
 * Latency is the consumer's wall clock minus the producer's, so the two clocks' offset is part of
 * it; a record that appears to arrive before it was sent is counted as 0 ms and reported as
 * clock-skewed. Records without the header (or with one of the wrong size) are counted, not
 * measured, unless {@code interceptor.latency.record.timestamp.fallback=true}, in which case a
 * record whose timestamp is its CreateTime is measured from that (which the producer sets at
 * {@code send} unless the application chose one).
 *
 * <p>The histogram (see {@link LatencySnapshot} for precision) lives as long as the consumer;
 * records are measured once per {@code poll}, with one clock read per batch. Getters may be
 * called from any thread.
 */
public class LatencyConsumerInterceptor<K, V> implements ConsumerInterceptor<K, V> {

    public static final String REPORT_INTERVAL_MS_CONFIG = "interceptor.latency.report.interval.ms";
    public static final String RECORD_TIMESTAMP_FALLBACK_CONFIG = "interceptor.latency.record.timestamp.fallback";

    public static final ConfigDef CONFIG = SendTimeHeader.defineHeader(new ConfigDef())
        .define(REPORT_INTERVAL_MS_CONFIG, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
            "LatencyConsumerInterceptor: log the latency percentiles this often, from poll; 0 logs only on close.")
        .define(RECORD_TIMESTAMP_FALLBACK_CONFIG, Type.BOOLEAN, false, Importance.LOW,
            "LatencyConsumerInterceptor: measure records without the send-time header from their CreateTime.");

    private static final Logger log = LoggerFactory.getLogger(LatencyConsumerInterceptor.class);

    private final LongSupplier clock;
    private final LogHistogram histogram = new LogHistogram();
    private final LongAdder withoutTime = new LongAdder();
    private final LongAdder clockSkewed = new LongAdder();
    private final AtomicLong lastReport = new AtomicLong();
    private String header = TimestampProducerInterceptor.DEFAULT_HEADER;
    private long reportIntervalMs;
    private boolean recordTimestampFallback;
    private String clientId = "";

    public LatencyConsumerInterceptor() {
        this(System::currentTimeMillis);
    }

    LatencyConsumerInterceptor(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> parsed = CONFIG.parse(configs);
        this.header = (String) parsed.get(TimestampProducerInterceptor.HEADER_CONFIG);
        this.reportIntervalMs = (Long) parsed.get(REPORT_INTERVAL_MS_CONFIG);
        this.recordTimestampFallback = (Boolean) parsed.get(RECORD_TIMESTAMP_FALLBACK_CONFIG);
        Object id = configs.get("client.id");
        this.clientId = id == null ? "" : id.toString();
        this.lastReport.set(clock.getAsLong());
    }

    @Override
    public ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
        if (records.isEmpty()) {
            return records;
        }
        long now = clock.getAsLong();
        for (ConsumerRecord<K, V> record : records) {
            long sent = SendTimeHeader.read(record.headers(), header);
            if (sent == SendTimeHeader.ABSENT && recordTimestampFallback
                && record.timestampType() == TimestampType.CREATE_TIME && record.timestamp() >= 0) {
                sent = record.timestamp();
            }
            if (sent == SendTimeHeader.ABSENT) {
                withoutTime.increment();
                continue;
            }
            long latency = now - sent;
            if (latency < 0) {
                clockSkewed.increment();
                latency = 0;
            }
            histogram.record(latency);
        }
        maybeReport(now);
        return records;
    }

    private void maybeReport(long now) {
        long last = lastReport.get();
        if (reportIntervalMs > 0 && now - last >= reportIntervalMs && lastReport.compareAndSet(last, now)) {
            log.info("Consumer {}: {}", clientId, snapshot());
        }
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    /** The latency in ms at or below which {@code percentile} percent of records arrived; -1 if none was measured. */
    public long valueAtPercentile(double percentile) {
        return histogram.valueAtPercentile(percentile);
    }

    public LatencySnapshot snapshot() {
        return new LatencySnapshot(histogram.count(), histogram.valueAtPercentile(50), histogram.valueAtPercentile(90),
            histogram.valueAtPercentile(99), histogram.max(), withoutTime.sum(), clockSkewed.sum());
    }

    @Override
    public void close() {
        log.info("Consumer {}: {}", clientId, snapshot());
    }
}
