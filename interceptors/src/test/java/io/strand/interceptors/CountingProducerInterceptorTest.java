package io.strand.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.TopicPartition;
import io.strand.common.errors.RecordTooLargeException;
import io.strand.common.errors.TimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CountingProducerInterceptorTest {

    private static final RecordMetadata ACKED = new RecordMetadata(new TopicPartition("t", 0), 10, 0, 1L, 1, 1);
    private static final RecordMetadata FAILED = new RecordMetadata(new TopicPartition("t", 0), -1, 0, -1L, -1, -1);

    @Test
    void countsSendsSuccessesAndFailuresByType() {
        CountingProducerInterceptor<String, String> counting = new CountingProducerInterceptor<>();
        counting.configure(Map.of("client.id", "p1"));
        ProducerRecord<String, String> record = new ProducerRecord<>("t", "k", "v");
        for (int i = 0; i < 10; i++) {
            assertSame(record, counting.onSend(record));
        }
        for (int i = 0; i < 6; i++) {
            counting.onAcknowledgement(ACKED, null);
        }
        counting.onAcknowledgement(FAILED, new TimeoutException("expired"));
        counting.onAcknowledgement(FAILED, new TimeoutException("expired"));
        counting.onAcknowledgement(null, new RecordTooLargeException("big"));
        assertEquals(10, counting.sentCount());
        assertEquals(6, counting.successCount());
        assertEquals(3, counting.failureCount());
        assertEquals(Map.of("RecordTooLargeException", 1L, "TimeoutException", 2L), counting.failuresByType());
    }

    @Test
    void reportsTheTotalsOnClose() throws Exception {
        CountingProducerInterceptor<String, String> counting = new CountingProducerInterceptor<>();
        counting.configure(Map.of("client.id", "p1"));
        for (int i = 0; i < 5; i++) {
            counting.onSend(new ProducerRecord<>("t", "v"));
        }
        counting.onAcknowledgement(ACKED, null);
        counting.onAcknowledgement(ACKED, null);
        counting.onAcknowledgement(FAILED, new TimeoutException("expired"));
        List<String> lines = LogCapture.lines(counting::close);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("WARN") && lines.get(0).contains(
            "Producer p1: 2 of 5 records acknowledged, 1 failed (TimeoutException=1), 2 pending"), lines.get(0));

        CountingProducerInterceptor<String, String> clean = new CountingProducerInterceptor<>();
        clean.onSend(new ProducerRecord<>("t", "v"));
        clean.onAcknowledgement(ACKED, null);
        List<String> ok = LogCapture.lines(clean::close);
        assertTrue(ok.get(0).contains("INFO") && ok.get(0).contains("1 of 1 records acknowledged, 0 failed, 0 pending"),
            ok.toString());
    }

    @Test
    void countsExactlyUnderManySendersAndTheSenderThread() throws Exception {
        CountingProducerInterceptor<String, String> counting = new CountingProducerInterceptor<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        counting.onSend(new ProducerRecord<>("t", "v"));
                    }
                }));
            }
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 60_000; i++) {
                    counting.onAcknowledgement(i % 10 == 0 ? FAILED : ACKED,
                        i % 10 == 0 ? new TimeoutException("x") : null);
                }
            }));
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(60_000, counting.sentCount());
        assertEquals(54_000, counting.successCount());
        assertEquals(6_000, counting.failureCount());
        assertEquals(Map.of("TimeoutException", 6_000L), counting.failuresByType());
    }
}
