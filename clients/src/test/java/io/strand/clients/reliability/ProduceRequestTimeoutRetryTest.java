package io.strand.clients.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.clients.producer.ProducerRecord;
import io.strand.common.Metric;
import io.strand.common.MetricName;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.serialization.ByteArraySerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Produce request that times out on the client (request.timeout.ms) while delivery.timeout.ms
 * has plenty left is a retriable failure, as in Apache's producer: the batch goes out again and
 * its records are delivered, once each, instead of failing with the request timeout. The broker
 * holds back the responses to the next few Produce requests for longer than the request timeout;
 * it has written those batches, so each retry is a duplicate the idempotent broker recognises.
 */
class ProduceRequestTimeoutRetryTest {

    private static final Logger log = LoggerFactory.getLogger(ProduceRequestTimeoutRetryTest.class);
    private static final int PARTITIONS = 3;
    private static final int REQUEST_TIMEOUT_MS = 1_000;
    private static final int DELAYED_REQUESTS = 6;
    private static final int PER_ROUND = 60;
    private static final int MAX_ROUNDS = 200;

    @Test
    void aTimedOutProduceRequestIsRetriedWithinTheDeliveryTimeoutAndDeliveredOnce() throws Exception {
        try (StubBroker broker = StubBroker.start()) {
            String topic = "request-timeouts";
            broker.createTopic(topic, PARTITIONS);
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
            props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 20);
            props.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 20);
            AtomicLong acked = new AtomicLong();
            Map<String, Integer> errors = new ConcurrentHashMap<>();
            int sent = 0;
            int rounds = 0;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
                // Producer id and metadata first, so that the delays land on Produce requests carrying records.
                producer.send(new ProducerRecord<>(topic, 0, null, value(sent++))).get(60, TimeUnit.SECONDS);
                acked.incrementAndGet();
                broker.faults().delayNext(ApiKeys.PRODUCE, DELAYED_REQUESTS,
                    Duration.ofMillis(REQUEST_TIMEOUT_MS * 5 / 2));
                // Rounds of sends until every delay has fired; each delayed response arrives long
                // after the request timed out on the client.
                while (broker.faults().pending() > 0 && rounds < MAX_ROUNDS) {
                    for (int i = 0; i < PER_ROUND; i++) {
                        int n = sent++;
                        producer.send(new ProducerRecord<>(topic, n % PARTITIONS, null, value(n)), (md, e) -> {
                            if (e == null) {
                                acked.incrementAndGet();
                            } else {
                                errors.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
                            }
                        });
                    }
                    producer.flush();
                    rounds++;
                }
                double retried = metric(producer, "record-retry-total");
                log.info("Produce requests timed out on the client: {} delayed {} ms past request.timeout.ms {}; {} records "
                        + "in {} rounds, {} acknowledged, {} retried record sends, errors {}", DELAYED_REQUESTS,
                    REQUEST_TIMEOUT_MS * 5 / 2, REQUEST_TIMEOUT_MS, sent, rounds, acked.get(), retried, errors);
                assertEquals(0, broker.faults().pending(), "every delayed response fired within " + rounds + " rounds");
                assertTrue(retried > 0, "the timed-out requests were retried");
            }
            assertEquals(Map.of(), errors, "no record failed");
            assertEquals(sent, acked.get());

            // Read back: each record once, each partition in send order.
            Map<Integer, List<byte[]>> read = TopicReader.readAll(broker.bootstrapServers(), topic, PARTITIONS,
                Duration.ofSeconds(60));
            Set<Long> seen = new HashSet<>();
            int total = 0;
            for (int p = 0; p < PARTITIONS; p++) {
                long previous = -1;
                for (byte[] v : read.get(p)) {
                    long i = ByteBuffer.wrap(v).getLong();
                    assertTrue(seen.add(i), "record " + i + " was written twice");
                    assertTrue(i > previous, "partition " + p + ": record " + i + " after " + previous);
                    assertEquals(p, i % PARTITIONS, "record " + i + " in partition " + p);
                    previous = i;
                    total++;
                }
            }
            assertEquals(sent, total, "records in the topic");
        }
    }

    /**
     * When delivery.timeout.ms passes while a batch's request is out, the batch fails then, with
     * the delivery timeout, as in Apache's producer, not when the request itself times out (up to
     * request.timeout.ms later, and reported as a request timeout). Its memory goes back to the
     * pool only once the request has ended, since its bytes may still be on the wire; and the
     * producer carries on without writing anything twice.
     *
     * <p>The broker holds back the answers to the first attempt and the retry (5 s each): the
     * first attempt times out at 2 s, the retry goes out at once, the batch expires at 3 s, and the
     * retry would time out at 4 s. One second either side separates the two outcomes.
     */
    @Test
    void aBatchInFlightFailsAtTheDeliveryTimeoutAndItsMemoryReturnsWhenTheRequestEnds() throws Exception {
        try (StubBroker broker = StubBroker.start()) {
            String topic = "in-flight-expiry";
            broker.createTopic(topic, 1);
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3_000);
            props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 20);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topic, 0, null, value(0))).get(60, TimeUnit.SECONDS);
                broker.faults().delayNext(ApiKeys.PRODUCE, 2, Duration.ofMillis(5_000));
                java.util.concurrent.CompletableFuture<Exception> failed = new java.util.concurrent.CompletableFuture<>();
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, 0, null, value(1)), (md, e) -> failed.complete(e));
                Exception e = failed.get(60, TimeUnit.SECONDS);
                long callbackMs = (System.nanoTime() - start) / 1_000_000;
                log.info("A batch in flight past delivery.timeout.ms 3000 (request.timeout.ms 2000): callback after {} ms "
                    + "with {}", callbackMs, e.toString());
                assertTrue(e instanceof io.strand.common.errors.TimeoutException, "failed with " + e);
                assertTrue(e.getMessage().contains("delivery.timeout.ms"), "failed by the delivery timeout: " + e);

                // The producer carries on; the expired batch's memory returns once its request has ended.
                producer.send(new ProducerRecord<>(topic, 0, null, value(2))).get(60, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (metric(producer, "buffer-available-bytes") < metric(producer, "buffer-total-bytes")
                    && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(metric(producer, "buffer-total-bytes"), metric(producer, "buffer-available-bytes"),
                    "every batch's memory is back in the pool");
            }
            // Record 1 may be in the log (its first attempt was written; only the answer was late), but once at most.
            List<byte[]> read = TopicReader.readAll(broker.bootstrapServers(), topic, 1, Duration.ofSeconds(60)).get(0);
            List<Long> values = read.stream().map(v -> ByteBuffer.wrap(v).getLong()).toList();
            log.info("After the expiry the partition holds records {}", values);
            assertTrue(values.equals(List.of(0L, 1L, 2L)) || values.equals(List.of(0L, 2L)), "partition holds " + values);
        }
    }

    private static byte[] value(long i) {
        return ByteBuffer.allocate(8).putLong(i).array();
    }

    private static double metric(KafkaProducer<?, ?> producer, String name) {
        for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
            if (e.getKey().name().equals(name)) {
                return ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no metric " + name);
    }
}
