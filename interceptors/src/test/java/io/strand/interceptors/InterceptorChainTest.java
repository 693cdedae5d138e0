package io.strand.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.TopicPartition;
import io.strand.common.config.ConfigException;
import io.strand.common.errors.TimeoutException;
import io.strand.interceptors.internals.SendTimeHeader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several interceptors configured from one map, as interceptor.classes chains them. */
class InterceptorChainTest {

    private static final String PRODUCER_CHAIN = TracingProducerInterceptor.class.getName() + ", "
        + TimestampProducerInterceptor.class.getName() + "," + CountingProducerInterceptor.class.getName() + ","
        + LoggingProducerInterceptor.class.getName();
    private static final String CONSUMER_CHAIN = TracingConsumerInterceptor.class.getName() + ","
        + LatencyConsumerInterceptor.class.getName() + "," + LoggingConsumerInterceptor.class.getName();

    private static Map<String, Object> producerConfigs() {
        Map<String, Object> configs = new HashMap<>();
        configs.put("bootstrap.servers", "localhost:9092");
        configs.put("client.id", "chain-test");
        configs.put("interceptor.classes", PRODUCER_CHAIN);
        configs.put("interceptor.timestamp.value.prefix", "true");
        configs.put("interceptor.logging.level", "DEBUG");
        configs.put("interceptor.logging.logger", "strand.test.chain");
        return configs;
    }

    @Test
    void aProducerChainAndAConsumerChainCarryTraceAndTimeEndToEnd() throws Exception {
        List<ProducerRecord<Object, Object>> sent = new ArrayList<>();
        CountingProducerInterceptor<?, ?> counting;
        try (Chains.Producer<Object, Object> producer = new Chains.Producer<>(producerConfigs())) {
            counting = producer.get(CountingProducerInterceptor.class);
            long before = System.currentTimeMillis();
            for (int i = 0; i < 10; i++) {
                sent.add(producer.onSend(new ProducerRecord<>("t", "k" + i, "v" + i)));
            }
            // A byte[] value breaks the value prefix: that interceptor is skipped, the others still run.
            ProducerRecord<Object, Object> bytes = producer.onSend(new ProducerRecord<>("t", "kb", new byte[]{1}));
            assertEquals(1, producer.errors.size());
            assertTrue(producer.errors.get(0) instanceof IllegalArgumentException);
            assertTrue(TraceContext.traceId(bytes.headers(), TraceContext.DEFAULT_HEADER) != null);
            assertEquals(SendTimeHeader.ABSENT, SendTimeHeader.read(bytes.headers(), SendTimeHeader.DEFAULT_HEADER));

            for (ProducerRecord<Object, Object> r : sent) {
                long stamp = SendTimeHeader.read(r.headers(), SendTimeHeader.DEFAULT_HEADER);
                assertTrue(stamp >= before, "stamped");
                assertTrue(((String) r.value()).startsWith(stamp + ","), (String) r.value());
                assertTrue(TraceContext.traceId(r.headers(), TraceContext.DEFAULT_HEADER).matches("[0-9a-f]{32}"));
                producer.onAcknowledgement(new RecordMetadata(new TopicPartition("t", 0), 0, 0, stamp, 2, 20), null,
                    r.headers());
            }
            producer.onAcknowledgement(new RecordMetadata(new TopicPartition("t", 0), -1, 0, -1, -1, -1),
                new TimeoutException("x"), bytes.headers());
            assertEquals(11, counting.sentCount());
            assertEquals(10, counting.successCount());
            assertEquals(1, counting.failureCount());
        }

        Map<String, Object> consumerConfigs = new HashMap<>(producerConfigs());
        consumerConfigs.put("interceptor.classes", CONSUMER_CHAIN);
        try (Chains.Consumer<Object, Object> consumer = new Chains.Consumer<>(consumerConfigs)) {
            List<ConsumerRecord<Object, Object>> delivered = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                delivered.add(Records.delivered(sent.get(i), 0, i, 0));
            }
            ConsumerRecords<Object, Object> polled = consumer.onConsume(Records.batch(delivered));
            assertTrue(consumer.errors.isEmpty(), consumer.errors.toString());
            assertEquals(10, polled.count());
            assertEquals(10, consumer.get(TracingConsumerInterceptor.class).carriedCount());
            LatencySnapshot latency = consumer.get(LatencyConsumerInterceptor.class).snapshot();
            assertEquals(10, latency.count());
            assertTrue(latency.max() >= 0 && latency.max() < 600_000, latency.toString());
            int i = 0;
            for (ConsumerRecord<Object, Object> r : polled) {
                try (TraceContext.Scope scope = TraceContext.activate(r)) {
                    assertEquals(TraceContext.traceId(sent.get(i++).headers(), TraceContext.DEFAULT_HEADER),
                        scope.traceId());
                }
            }
        }
    }

    @Test
    void theProducerChainIsSafeUnderConcurrentSendsAndAcks() throws Exception {
        Map<String, Object> configs = producerConfigs();
        configs.put("interceptor.logging.level", "TRACE");
        configs.put("interceptor.logging.logger", "strand.test.concurrent");
        configs.put("interceptor.logging.sample.every", 100);
        try (Chains.Producer<Object, Object> producer = new Chains.Producer<>(configs)) {
            Set<String> traceIds = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 5_000; i++) {
                            ProducerRecord<Object, Object> r = producer.onSend(
                                new ProducerRecord<>("t", "k", "v" + thread + "-" + i));
                            traceIds.add(TraceContext.traceId(r.headers(), TraceContext.DEFAULT_HEADER));
                            producer.onAcknowledgement(new RecordMetadata(new TopicPartition("t", 0), i, 0, 0, 1, 1),
                                null, r.headers());
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(producer.errors.isEmpty(), producer.errors.toString());
            assertEquals(20_000, traceIds.size());
            CountingProducerInterceptor<?, ?> counting = producer.get(CountingProducerInterceptor.class);
            assertEquals(20_000, counting.sentCount());
            assertEquals(20_000, counting.successCount());
            assertEquals(20_000, producer.get(TracingProducerInterceptor.class).generatedCount());
        }
    }

    @Test
    void aWronglyConfiguredInterceptorFailsTheChainNamingTheKey() {
        Map<String, Object> configs = producerConfigs();
        configs.put("interceptor.logging.sample.every", "often");
        ConfigException e = assertThrows(ConfigException.class, () -> new Chains.Producer<>(configs));
        assertEquals("interceptor.logging.sample.every", e.configName());
        assertTrue(e.getMessage().contains("often"), e.getMessage());
    }
}
