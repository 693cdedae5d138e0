package io.strand.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.producer.ProducerRecord;
import io.strand.common.config.ConfigException;
import io.strand.common.header.internals.RecordHeaders;
import io.strand.common.record.TimestampType;
import io.strand.interceptors.internals.SendTimeHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LatencyConsumerInterceptorTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);

    private LatencyConsumerInterceptor<String, String> latency(Map<String, ?> configs) {
        LatencyConsumerInterceptor<String, String> latency = new LatencyConsumerInterceptor<>(clock::get);
        latency.configure(configs);
        return latency;
    }

    private static ConsumerRecord<String, String> stamped(long offset, long sentAt) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("strand.send.time", SendTimeHeader.encode(sentAt));
        return record(offset, headers, -1, TimestampType.NO_TIMESTAMP_TYPE);
    }

    private static ConsumerRecord<String, String> record(long offset, RecordHeaders headers, long timestamp,
                                                         TimestampType type) {
        return new ConsumerRecord<>("t", 0, offset, timestamp, type, -1, -1, "k", "v", headers, Optional.empty());
    }

    @Test
    void reportsPercentilesOfTheLatencySinceTheStamp() {
        LatencyConsumerInterceptor<String, String> latency = latency(Map.of());
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (int ms = 1; ms <= 1000; ms++) {
            batch.add(stamped(ms, clock.get() - ms));
        }
        ConsumerRecords<String, String> records = Records.batch(batch);
        assertSame(records, latency.onConsume(records));
        LatencySnapshot s = latency.snapshot();
        assertEquals(1000, s.count());
        assertEquals(1000, s.max());
        assertEquals(0, s.withoutTime());
        assertWithin(500, s.p50());
        assertWithin(900, s.p90());
        assertWithin(990, s.p99());
        assertWithin(750, latency.valueAtPercentile(75));
    }

    private static void assertWithin(long exact, long reported) {
        assertTrue(reported >= exact && reported <= exact + exact / 64, "exact " + exact + ", reported " + reported);
    }

    @Test
    void countsRecordsWithoutAUsableStampAndClockSkew() {
        LatencyConsumerInterceptor<String, String> latency = latency(Map.of());
        RecordHeaders wrongSize = new RecordHeaders();
        wrongSize.add("strand.send.time", new byte[]{1, 2, 3});
        latency.onConsume(Records.batch(List.of(
            record(0, new RecordHeaders(), clock.get() - 5, TimestampType.CREATE_TIME),
            record(1, wrongSize, -1, TimestampType.NO_TIMESTAMP_TYPE),
            stamped(2, clock.get() + 50),
            stamped(3, clock.get() - 7))));
        LatencySnapshot s = latency.snapshot();
        assertEquals(2, s.count());
        assertEquals(2, s.withoutTime());
        assertEquals(1, s.clockSkewed());
        assertEquals(7, s.max());
        assertEquals(0, latency.valueAtPercentile(50), "a record from the future counts as 0 ms");
    }

    @Test
    void fallsBackToCreateTimeWhenAsked() {
        LatencyConsumerInterceptor<String, String> latency = latency(Map.of(
            "interceptor.latency.record.timestamp.fallback", "true"));
        latency.onConsume(Records.batch(List.of(
            record(0, new RecordHeaders(), clock.get() - 30, TimestampType.CREATE_TIME),
            record(1, new RecordHeaders(), clock.get() - 9999, TimestampType.LOG_APPEND_TIME),
            stamped(2, clock.get() - 10))));
        LatencySnapshot s = latency.snapshot();
        assertEquals(2, s.count());
        assertEquals(1, s.withoutTime(), "LogAppendTime is the broker's clock, not the send time");
        assertEquals(30, s.max());
        assertEquals(10, latency.valueAtPercentile(50));
    }

    @Test
    void readsTheHeaderTheTimestampInterceptorWrote() {
        Map<String, String> configs = Map.of("interceptor.timestamp.header", "sent-at");
        TimestampProducerInterceptor<String, String> stamper = new TimestampProducerInterceptor<>(clock::get);
        stamper.configure(configs);
        LatencyConsumerInterceptor<String, String> latency = latency(configs);
        ProducerRecord<String, String> sent = stamper.onSend(new ProducerRecord<>("t", "k", "v"));
        clock.addAndGet(42);
        latency.onConsume(Records.batch(List.of(Records.delivered(sent, 0, 0, 0))));
        assertEquals(42, latency.snapshot().max());
        assertEquals(1, latency.snapshot().count());
    }

    @Test
    void logsOnCloseAndEveryReportInterval() throws Exception {
        LatencyConsumerInterceptor<String, String> latency = latency(Map.of(
            "interceptor.latency.report.interval.ms", 1000L, "client.id", "c7"));
        List<String> lines = LogCapture.lines(() -> {
            latency.onConsume(Records.batch(List.of(stamped(0, clock.get() - 3))));
            clock.addAndGet(999);
            latency.onConsume(Records.batch(List.of(stamped(1, clock.get() - 3))));
            clock.addAndGet(1);
            latency.onConsume(Records.batch(List.of(stamped(2, clock.get() - 3))));
            latency.close();
        });
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("Consumer c7: latency over 3 records: p50=3 ms, p90=3 ms, p99=3 ms, max=3 ms"),
            lines.get(0));
        assertTrue(lines.get(1).contains("c7"), lines.get(1));

        LatencyConsumerInterceptor<String, String> idle = latency(Map.of());
        List<String> none = LogCapture.lines(idle::close);
        assertTrue(none.get(0).contains("no latency measured"), none.toString());
    }

    @Test
    void wrongSettingsNameTheKey() {
        ConfigException negative = assertThrows(ConfigException.class,
            () -> latency(Map.of("interceptor.latency.report.interval.ms", "-5")));
        assertEquals("interceptor.latency.report.interval.ms", negative.configName());
        ConfigException notANumber = assertThrows(ConfigException.class,
            () -> latency(Map.of("interceptor.latency.report.interval.ms", "soon")));
        assertEquals("interceptor.latency.report.interval.ms", notANumber.configName());
        ConfigException notBoolean = assertThrows(ConfigException.class,
            () -> latency(Map.of("interceptor.latency.record.timestamp.fallback", 1)));
        assertEquals("interceptor.latency.record.timestamp.fallback", notBoolean.configName());
    }
}
