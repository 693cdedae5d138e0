package io.strand.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.producer.ProducerRecord;
import io.strand.common.config.ConfigException;
import io.strand.common.header.internals.RecordHeaders;
import io.strand.common.record.TimestampType;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.mockito.Mockito;
import org.slf4j.MDC;

class TracingInterceptorsTest {

    private static TracingProducerInterceptor<String, String> producerSide(Map<String, ?> configs) {
        TracingProducerInterceptor<String, String> tracing = new TracingProducerInterceptor<>();
        tracing.configure(configs);
        return tracing;
    }

    private static TracingConsumerInterceptor<String, String> consumerSide(Map<String, ?> configs) {
        TracingConsumerInterceptor<String, String> tracing = new TracingConsumerInterceptor<>();
        tracing.configure(configs);
        return tracing;
    }

    @Test
    void generatesDistinctW3cShapedIdsWhenThereIsNone() {
        TracingProducerInterceptor<String, String> tracing = producerSide(Map.of());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ProducerRecord<String, String> traced = tracing.onSend(new ProducerRecord<>("t", "k", "v"));
            String id = TraceContext.traceId(traced.headers(), "strand.trace.id");
            assertTrue(id.matches("[0-9a-f]{32}"), id);
            ids.add(id);
        }
        assertEquals(1000, ids.size());
        assertEquals(1000, tracing.generatedCount());
    }

    @Test
    void keepsAnIdTheRecordCarriesWithoutCopyingIt() {
        TracingProducerInterceptor<String, String> tracing =
            producerSide(Map.of("interceptor.tracing.header", "trace"));
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, String> record = new ProducerRecord<>("t", null, "k", "v", headers);
        try (TraceContext.Scope other = TraceContext.activate("other")) {
            assertSame(record, tracing.onSend(record));
            assertEquals("abc", TraceContext.traceId(record.headers(), "trace"), "not " + other.traceId());
        }
        assertEquals(1, tracing.carriedCount());
        assertEquals(0, tracing.inheritedCount() + tracing.generatedCount());
    }

    @Test
    void takesTheSendingThreadsCurrentId() {
        TracingProducerInterceptor<String, String> tracing = producerSide(Map.of());
        ProducerRecord<String, String> original = new ProducerRecord<>("t", "k", "v");
        try (TraceContext.Scope scope = TraceContext.activate("0123456789abcdef0123456789abcdef")) {
            ProducerRecord<String, String> traced = tracing.onSend(original);
            assertEquals(scope.traceId(), TraceContext.traceId(traced.headers(), "strand.trace.id"));
        }
        assertNull(original.headers().lastHeader("strand.trace.id"), "the caller's record is left alone");
        assertEquals(1, tracing.inheritedCount());
    }

    @Test
    void scopesSetTheThreadAndTheMdcAndNest() {
        try (MockedStatic<MDC> mdc = Mockito.mockStatic(MDC.class)) {
            assertNull(TraceContext.current());
            TraceContext.Scope outer = TraceContext.activate("outer");
            assertEquals("outer", TraceContext.current());
            try (TraceContext.Scope inner = TraceContext.activate("inner")) {
                assertEquals(inner.traceId(), TraceContext.current());
            }
            assertEquals("outer", TraceContext.current());
            outer.close();
            outer.close();
            assertNull(TraceContext.current());
            mdc.verify(() -> MDC.put("traceId", "outer"), Mockito.times(2));
            mdc.verify(() -> MDC.put("traceId", "inner"));
            mdc.verify(() -> MDC.remove("traceId"));
        }
        assertThrows(IllegalArgumentException.class, () -> TraceContext.activate(""));
    }

    /** Producer, consumer, processing, and the record the processing produces: one trace id throughout. */
    @Test
    void anIdFollowsARecordThroughAConsumeProcessProduceHop() {
        TracingProducerInterceptor<String, String> upstream = producerSide(Map.of());
        TracingConsumerInterceptor<String, String> consumer = consumerSide(Map.of());
        TracingProducerInterceptor<String, String> downstream = producerSide(Map.of());

        ProducerRecord<String, String> sent = upstream.onSend(new ProducerRecord<>("in", "k", "v"));
        String id = TraceContext.traceId(sent.headers(), "strand.trace.id");
        ConsumerRecords<String, String> polled =
            consumer.onConsume(Records.batch(List.of(Records.delivered(sent, 0, 0, 1))));
        assertEquals(1, consumer.carriedCount());
        for (ConsumerRecord<String, String> record : polled) {
            try (TraceContext.Scope scope = TraceContext.activate(record, consumer.header())) {
                assertEquals(id, scope.traceId());
                ProducerRecord<String, String> out = downstream.onSend(new ProducerRecord<>("out", "k", "v2"));
                assertEquals(id, TraceContext.traceId(out.headers(), "strand.trace.id"));
            }
        }
        assertNull(TraceContext.current());
    }

    @Test
    void consumerGivesRecordsWithoutAnIdANewOne() {
        TracingConsumerInterceptor<String, String> consumer = consumerSide(Map.of("interceptor.tracing.header", "tid"));
        RecordHeaders withId = new RecordHeaders();
        withId.add("tid", "given".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, String> a = record(0, withId);
        ConsumerRecord<String, String> b = record(1, new RecordHeaders());
        consumer.onConsume(Records.batch(List.of(a, b)));
        assertEquals("given", TraceContext.traceId(a.headers(), "tid"));
        String made = TraceContext.traceId(b.headers(), "tid");
        assertTrue(made != null && made.matches("[0-9a-f]{32}"), made);
        assertEquals(1, consumer.carriedCount());
        assertEquals(1, consumer.generatedCount());
        try (TraceContext.Scope scope = TraceContext.activate(b, "tid")) {
            assertEquals(made, scope.traceId(), "processing sees the id the interceptor added");
        }
    }

    @Test
    void readOnlyHeadersAreLeftAloneAndActivateMakesAnIdUp() throws Exception {
        TracingConsumerInterceptor<String, String> consumer = consumerSide(Map.of());
        RecordHeaders readOnly = new RecordHeaders();
        readOnly.setReadOnly();
        ConsumerRecord<String, String> r = record(0, readOnly);
        List<String> lines = LogCapture.lines(() -> {
            consumer.onConsume(Records.batch(List.of(r)));
            consumer.onConsume(Records.batch(List.of(r)));
        });
        assertEquals(1, lines.size(), "warned once: " + lines);
        assertEquals(0, consumer.generatedCount());
        try (TraceContext.Scope first = TraceContext.activate(r);
             TraceContext.Scope second = TraceContext.activate(r)) {
            assertNotEquals(first.traceId(), second.traceId());
        }
    }

    @Test
    void anEmptyHeaderNameIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
            () -> consumerSide(Map.of("interceptor.tracing.header", "")));
        assertEquals("interceptor.tracing.header", e.configName());
        ConfigException p = assertThrows(ConfigException.class,
            () -> producerSide(Map.of("interceptor.tracing.header", 7)));
        assertEquals("interceptor.tracing.header", p.configName());
    }

    private static ConsumerRecord<String, String> record(long offset, RecordHeaders headers) {
        return new ConsumerRecord<>("t", 0, offset, 1L, TimestampType.CREATE_TIME, -1, -1, "k", "v", headers,
            Optional.empty());
    }
}
