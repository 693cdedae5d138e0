package io.strand.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.TopicPartition;
import io.strand.common.serialization.StringDeserializer;
import io.strand.common.serialization.StringSerializer;
import io.strand.interceptors.internals.SendTimeHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real Strand producers and consumers, configured only through properties, against the bundled
 * broker: records pass a producer chain (tracing, send-time stamp with value prefix, counting,
 * logging), a consumer chain (tracing, latency, logging), an application hop that forwards each
 * record to a second topic inside its trace scope, and a second consumer.
 */
class InterceptorsEndToEndTest {

    private static final int RECORDS = 200;

    private static Map<String, Object> producerConfigs(StubBroker broker, String clientId, Class<?>... chain) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("bootstrap.servers", broker.bootstrapServers());
        configs.put("client.id", clientId);
        configs.put("key.serializer", StringSerializer.class.getName());
        configs.put("value.serializer", StringSerializer.class.getName());
        configs.put("linger.ms", "5");
        configs.put("interceptor.classes", names(chain));
        return configs;
    }

    private static Map<String, Object> consumerConfigs(StubBroker broker, String clientId, Class<?>... chain) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("bootstrap.servers", broker.bootstrapServers());
        configs.put("client.id", clientId);
        configs.put("key.deserializer", StringDeserializer.class.getName());
        configs.put("value.deserializer", StringDeserializer.class.getName());
        configs.put("interceptor.classes", names(chain));
        return configs;
    }

    private static String names(Class<?>... classes) {
        List<String> names = new ArrayList<>();
        for (Class<?> c : classes) {
            names.add(c.getName());
        }
        return String.join(",", names);
    }

    @Test
    void traceAndSendTimeTravelFromProducerThroughAnApplicationHopToTheLastConsumer() throws Exception {
        try (StubBroker broker = StubBroker.builder().build()) {
            broker.createTopic("in", 3);
            broker.createTopic("out", 2);

            Map<String, Object> producing = producerConfigs(broker, "e2e-producer", TracingProducerInterceptor.class,
                TimestampProducerInterceptor.class, CountingProducerInterceptor.class,
                LoggingProducerInterceptor.class);
            producing.put("interceptor.timestamp.value.prefix", "true");
            producing.put("interceptor.logging.sample.every", "50");
            long before = System.currentTimeMillis();
            List<String> producerLog = LogCapture.lines(() -> {
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(producing)) {
                    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
                    for (int i = 0; i < RECORDS; i++) {
                        futures.add(producer.send(new ProducerRecord<>("in", "k" + i, "v" + i)));
                    }
                    producer.flush();
                    for (CompletableFuture<RecordMetadata> f : futures) {
                        assertTrue(f.get(30, TimeUnit.SECONDS).hasOffset());
                    }
                }
            });
            assertTrue(producerLog.stream().anyMatch(l -> l.contains(
                "Producer e2e-producer: " + RECORDS + " of " + RECORDS + " records acknowledged, 0 failed, 0 pending")),
                producerLog.toString());
            assertEquals(RECORDS / 50, producerLog.stream().filter(l -> l.contains("send in[-]")).count());

            // The application: consume "in", and forward each record to "out" inside its trace scope.
            Map<String, String> traceByKey = new HashMap<>();
            Map<String, Object> hopConsumer = consumerConfigs(broker, "e2e-hop", TracingConsumerInterceptor.class,
                LatencyConsumerInterceptor.class, LoggingConsumerInterceptor.class);
            hopConsumer.put("interceptor.logging.level", "DEBUG");
            Map<String, Object> hopProducer = producerConfigs(broker, "e2e-hop-producer",
                TracingProducerInterceptor.class);
            List<String> hopLog = LogCapture.lines(() -> {
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(hopConsumer);
                     KafkaProducer<String, String> forward = new KafkaProducer<>(hopProducer)) {
                    consumer.assign(List.of(new TopicPartition("in", 0), new TopicPartition("in", 1),
                        new TopicPartition("in", 2)));
                    consumer.seekToBeginning(consumer.assignment());
                    for (ConsumerRecord<String, String> r : pollAll(consumer, RECORDS)) {
                        long sentAt = SendTimeHeader.read(r.headers(), SendTimeHeader.DEFAULT_HEADER);
                        assertTrue(sentAt >= before, "stamped at send: " + sentAt);
                        assertEquals(sentAt + "," + r.key().replace('k', 'v'), r.value(), "the value prefix");
                        try (TraceContext.Scope scope = TraceContext.activate(r)) {
                            assertTrue(scope.traceId().matches("[0-9a-f]{32}"), scope.traceId());
                            traceByKey.put(r.key(), scope.traceId());
                            forward.send(new ProducerRecord<>("out", r.key(), "processed"));
                        }
                    }
                    forward.flush();
                }
            });
            assertEquals(RECORDS, traceByKey.size());
            assertEquals(RECORDS, traceByKey.values().stream().distinct().count(), "one trace per record");
            String latency = hopLog.stream().filter(l -> l.contains("Consumer e2e-hop: latency over " + RECORDS
                + " records")).findFirst().orElse(null);
            assertNotNull(latency, hopLog.toString());
            assertTrue(latency.contains("(0 without a send time"), latency);
            System.out.println("End-to-end through the bundled broker: " + latency);

            // Downstream: every forwarded record carries the trace id of the record it came from.
            Map<String, Object> last = consumerConfigs(broker, "e2e-last", TracingConsumerInterceptor.class);
            last.put("group.id", "e2e-last");
            last.put("auto.offset.reset", "earliest");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(last)) {
                consumer.subscribe(List.of("out"));
                for (ConsumerRecord<String, String> r : pollAll(consumer, RECORDS)) {
                    assertEquals(traceByKey.get(r.key()),
                        TraceContext.traceId(r.headers(), TraceContext.DEFAULT_HEADER), r.key());
                }
            }
        }
    }

    private static List<ConsumerRecord<String, String>> pollAll(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (all.size() < count && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                all.add(r);
            }
        }
        assertEquals(count, all.size(), "records polled within 60 s");
        return all;
    }
}
