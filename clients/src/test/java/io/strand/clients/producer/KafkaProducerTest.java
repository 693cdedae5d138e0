package io.strand.clients.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.common.KafkaException;
import io.strand.common.Metric;
import io.strand.common.MetricName;
import io.strand.common.PartitionInfo;
import io.strand.common.config.ConfigException;
import io.strand.common.errors.InvalidTimestampException;
import io.strand.common.errors.NotEnoughReplicasException;
import io.strand.common.errors.RecordTooLargeException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.serialization.ByteArraySerializer;
import io.strand.common.serialization.StringSerializer;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KafkaProducer's behaviour against the bundled broker: construction, send, partitioning, memory, close. */
class KafkaProducerTest {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static StubBroker broker;

    @BeforeAll
    static void start() {
        broker = StubBroker.builder().nodes(2).defaultPartitions(3).build();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static String topic(int partitions) {
        String name = "t" + IDS.incrementAndGet();
        broker.createTopic(name, partitions);
        return name;
    }

    private static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", broker.bootstrapServers());
        m.put("client.id", "test-" + IDS.incrementAndGet());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static KafkaProducer<String, String> strings(Map<String, Object> props) {
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static Throwable failure(CompletableFuture<RecordMetadata> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
        return e.getCause();
    }

    // ---- construction ----

    @Test
    void thePropertiesFileFromTheBlogFailsOnItsCommentLikeApachesProducer() throws Exception {
        Properties props = load("seeds/KafkaProducer.properties");
        ConfigException e = assertThrows(ConfigException.class, () -> new KafkaProducer<String, String>(props));
        assertEquals("bootstrap.servers", e.configName(), e.getMessage());
        assertTrue(e.getMessage().contains("172.17.2.1:9092 #"), e.getMessage());
        org.apache.kafka.common.KafkaException apache = assertThrows(org.apache.kafka.common.KafkaException.class,
            () -> new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props));
        assertTrue(String.valueOf(apache.getCause()).contains("bootstrap.servers"), String.valueOf(apache.getCause()));
    }

    @Test
    void thePropertiesFileWorksAsLoadedOnceItsAddressIsReachable() throws Exception {
        Properties props = load("seeds/KafkaProducer.properties");
        props.setProperty("bootstrap.servers", broker.bootstrapServers());
        String topic = topic(1);
        // The blog's program, with imports changed from org.apache.kafka to io.strand.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "javarecord" + i));
            }
        }
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read = ApacheReader.readAll(broker.bootstrapServers(), topic,
            10, Duration.ofSeconds(30));
        assertEquals(10, read.get(0).size());
        assertEquals("javarecord9", new String(read.get(0).get(9).value(), StandardCharsets.UTF_8));
    }

    @Test
    void theMistypedClassNamesFailNamingTheKeyLikeApachesProducer() throws Exception {
        Properties props = load("seeds/KafkaProducer-typo.properties");
        ConfigException e = assertThrows(ConfigException.class, () -> new KafkaProducer<String, String>(props));
        assertTrue(e.getMessage().contains("key.serializer") || e.getMessage().contains("value.serializer"),
            e.getMessage());
        assertTrue(e.getMessage().contains("org.apache.kafka.serialization.StringSerializer"), e.getMessage());
        assertThrows(org.apache.kafka.common.config.ConfigException.class,
            () -> new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props));
    }

    private static Properties load(String resource) throws Exception {
        Properties props = new Properties();
        try (InputStream in = KafkaProducerTest.class.getClassLoader().getResourceAsStream(resource)) {
            props.load(in);
        }
        return props;
    }

    @Test
    void constructsFromPropertiesMapsAndSerializerInstances() throws Exception {
        String topic = topic(1);
        Properties p = new Properties();
        p.putAll(props("key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
            "value.serializer", StringSerializer.class.getName()));
        try (KafkaProducer<String, String> a = new KafkaProducer<>(p);
             KafkaProducer<String, String> b = new KafkaProducer<>(props("key.serializer", StringSerializer.class,
                 "value.serializer", StringSerializer.class));
             KafkaProducer<byte[], byte[]> c = new KafkaProducer<>(props(), new ByteArraySerializer(),
                 new ByteArraySerializer())) {
            assertTrue(a.send(new ProducerRecord<>(topic, "a")).get(30, TimeUnit.SECONDS).hasOffset());
            assertTrue(b.send(new ProducerRecord<>(topic, "b")).get(30, TimeUnit.SECONDS).hasOffset());
            assertTrue(c.send(new ProducerRecord<>(topic, "c".getBytes())).get(30, TimeUnit.SECONDS).hasOffset());
        }
    }

    // ---- send, callbacks, interceptors ----

    @Test
    void callbacksAndFuturesCarryTheRecordsMetadata() throws Exception {
        String topic = topic(1);
        List<RecordMetadata> seen = new ArrayList<>();
        try (KafkaProducer<String, String> producer = strings(props())) {
            List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                futures.add(producer.send(new ProducerRecord<>(topic, null, 1000L + i, "key", "value" + i),
                    (m, e) -> {
                        assertNull(e);
                        synchronized (seen) {
                            seen.add(m);
                        }
                    }));
            }
            for (int i = 0; i < 5; i++) {
                RecordMetadata m = futures.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(i, m.offset());
                assertEquals(1000L + i, m.timestamp());
                assertEquals(3, m.serializedKeySize());
                assertEquals(6, m.serializedValueSize());
                assertEquals(topic, m.topic());
            }
        }
        assertEquals(5, seen.size(), "every callback ran before its future completed");
    }

    @Test
    void interceptorsRunBeforeSerializationAndOnAcknowledgementAndAThrowingOneIsSkipped() throws Exception {
        String topic = topic(1);
        Map<String, Object> props = props(
            "interceptor.classes", TestPlugins.ThrowingInterceptor.class.getName() + ","
                + TestPlugins.UpperCaseInterceptor.class.getName(),
            "test.marker", "here",
            "key.serializer", StringSerializer.class.getName(),
            "value.serializer", TestPlugins.RecordingSerializer.class.getName());
        String clientId = (String) props.get("client.id");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            RecordMetadata m = producer.send(new ProducerRecord<>(topic, "k", "hello")).get(30, TimeUnit.SECONDS);
            assertEquals(0, m.offset());
        }
        List<String> events = TestPlugins.events(clientId);
        assertEquals(List.of("configure:here", "throwing-onSend", "onSend:hello", "serialize:HELLO",
            "throwing-onAck", "onAck:0:0", "close"), events);
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read = ApacheReader.readAll(broker.bootstrapServers(), topic,
            1, Duration.ofSeconds(30));
        assertEquals("HELLO", new String(read.get(0).get(0).value(), StandardCharsets.UTF_8));
    }

    @Test
    void aSendThatFailsEarlyStillReachesTheInterceptorsAndTheCallback() throws Exception {
        Map<String, Object> props = props("interceptor.classes", TestPlugins.UpperCaseInterceptor.class.getName(),
            "max.request.size", 1000);
        String clientId = (String) props.get("client.id");
        AtomicReference<Exception> callback = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = strings(props)) {
            CompletableFuture<RecordMetadata> f = producer.send(new ProducerRecord<>(topic(1), "x".repeat(2000)),
                (m, e) -> callback.set(e));
            assertInstanceOf(RecordTooLargeException.class, failure(f));
        }
        assertInstanceOf(RecordTooLargeException.class, callback.get());
        assertTrue(TestPlugins.events(clientId).contains("onAck:RecordTooLargeException:0"),
            TestPlugins.events(clientId).toString());
    }

    // ---- broker errors ----

    @Test
    void aBrokerErrorThatIsNotRetriableFailsTheRecordWithIt() throws Exception {
        String topic = topic(1);
        try (KafkaProducer<String, String> producer = strings(props())) {
            producer.partitionsFor(topic);
            broker.faults().failNext(ApiKeys.PRODUCE, 1, Errors.INVALID_TIMESTAMP);
            AtomicReference<Exception> callback = new AtomicReference<>();
            Throwable e = failure(producer.send(new ProducerRecord<>(topic, "v"), (m, ex) -> callback.set(ex)));
            assertInstanceOf(InvalidTimestampException.class, e);
            assertInstanceOf(InvalidTimestampException.class, callback.get());
            // The producer goes on: the next record is written.
            assertTrue(producer.send(new ProducerRecord<>(topic, "next")).get(30, TimeUnit.SECONDS).hasOffset());
        } finally {
            broker.faults().clear();
        }
    }

    @Test
    void retriesRunOutAndTheLastErrorIsReported() throws Exception {
        String topic = topic(1);
        try (KafkaProducer<String, String> producer = strings(props("retries", 2, "retry.backoff.ms", 10L))) {
            producer.partitionsFor(topic);
            broker.faults().failNext(ApiKeys.PRODUCE, 3, Errors.NOT_ENOUGH_REPLICAS);
            Throwable e = failure(producer.send(new ProducerRecord<>(topic, "v")));
            assertInstanceOf(NotEnoughReplicasException.class, e);
            assertEquals(0, broker.faults().pending(), "three attempts: the first and two retries");
            assertEquals(2.0, metric(producer, "record-retry-total"));
        } finally {
            broker.faults().clear();
        }
    }

    @Test
    void recordsForABrokerThatWentAwayExpireAfterDeliveryTimeout() throws Exception {
        try (StubBroker lonely = StubBroker.builder().build()) {
            lonely.createTopic("gone", 1);
            Map<String, Object> props = new HashMap<>();
            props.put("bootstrap.servers", lonely.bootstrapServers());
            props.put("linger.ms", 0L);
            props.put("request.timeout.ms", 500);
            props.put("delivery.timeout.ms", 1500);
            props.put("reconnect.backoff.max.ms", 100L);
            try (KafkaProducer<String, String> producer = strings(props)) {
                assertTrue(producer.send(new ProducerRecord<>("gone", "first")).get(30, TimeUnit.SECONDS).hasOffset());
                lonely.stopNode(0);
                long start = System.nanoTime();
                Throwable e = failure(producer.send(new ProducerRecord<>("gone", "lost")));
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                // Normally a TimeoutException naming delivery.timeout.ms (the batch expired in its queue);
                // if an attempt was out when the time ran out, that attempt's retriable error.
                assertInstanceOf(io.strand.common.errors.RetriableException.class, e);
                assertTrue(tookMs >= 1500, "expired after " + tookMs + " ms");
            }
        }
    }

    // ---- partitioning ----

    @Test
    void anExplicitPartitionIsUsedAndOneOutOfRangeTimesOut() throws Exception {
        String topic = topic(3);
        try (KafkaProducer<String, String> producer = strings(props("max.block.ms", 500))) {
            assertEquals(2, producer.send(new ProducerRecord<>(topic, 2, "k", "v")).get(30, TimeUnit.SECONDS)
                .partition());
            Throwable e = failure(producer.send(new ProducerRecord<>(topic, 3, "k", "v")));
            assertInstanceOf(TimeoutException.class, e);
            assertTrue(e.getMessage().contains("Partition 3 of topic " + topic + " with partition count 3"),
                e.getMessage());
        }
    }

    @Test
    void aConfiguredPartitionerChoosesAndIsChecked() throws Exception {
        String topic = topic(3);
        try (KafkaProducer<String, String> producer = strings(props("partitioner.class",
            TestPlugins.LastPartitionPartitioner.class.getName()))) {
            for (int i = 0; i < 10; i++) {
                assertEquals(2, producer.send(new ProducerRecord<>(topic, "k" + i, "v")).get(30, TimeUnit.SECONDS)
                    .partition());
            }
        }
        try (KafkaProducer<String, String> producer = strings(props("partitioner.class",
            TestPlugins.BrokenPartitioner.class.getName()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> producer.send(new ProducerRecord<>(topic, "k", "v")));
            assertTrue(e.getMessage().contains("1000"), e.getMessage());
        }
    }

    /** The same keys through Apache's producer and Strand's, to two topics of 7 partitions: same partitions. */
    @Test
    void keyedRecordsLandWhereApachesProducerPutsThem() throws Exception {
        String apacheTopic = topic(7);
        String strandTopic = topic(7);
        int n = 3000;
        Properties apacheProps = new Properties();
        apacheProps.put("bootstrap.servers", broker.bootstrapServers());
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> apache =
                 new org.apache.kafka.clients.producer.KafkaProducer<>(apacheProps,
                     new org.apache.kafka.common.serialization.StringSerializer(),
                     new org.apache.kafka.common.serialization.StringSerializer());
             KafkaProducer<String, String> strand = strings(props())) {
            for (int i = 0; i < n; i++) {
                String key = "customer-" + (i * 7919L % 100_003);
                apache.send(new org.apache.kafka.clients.producer.ProducerRecord<>(apacheTopic, key, "v"));
                strand.send(new ProducerRecord<>(strandTopic, key, "v"));
            }
            apache.flush();
            strand.flush();
        }
        Map<String, Integer> apachePartitions = partitionsByKey(apacheTopic, n);
        Map<String, Integer> strandPartitions = partitionsByKey(strandTopic, n);
        assertEquals(n, apachePartitions.size());
        assertEquals(apachePartitions, strandPartitions);
    }

    private static Map<String, Integer> partitionsByKey(String topic, int n) {
        Map<String, Integer> byKey = new HashMap<>();
        ApacheReader.read(broker.bootstrapServers(), topic, n, Duration.ofSeconds(60),
            r -> byKey.put(new String(r.key(), StandardCharsets.UTF_8), r.partition()));
        return byKey;
    }

    @Test
    void ignoringKeysMakesKeyedRecordsSticky() throws Exception {
        String topic = topic(6);
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        try (KafkaProducer<String, String> producer = strings(props("partitioner.ignore.keys", true,
            "linger.ms", 60_000, "batch.size", 100_000))) {
            for (int i = 0; i < 50; i++) {
                futures.add(producer.send(new ProducerRecord<>(topic, "key-" + i, "v")));
            }
        }
        int first = futures.get(0).get().partition();
        for (CompletableFuture<RecordMetadata> f : futures) {
            assertEquals(first, f.get().partition(), "one batch's worth of records stays on one partition");
        }
    }

    // ---- size limits and memory ----

    @Test
    void recordsOverMaxRequestSizeOrBufferMemoryAreRejected() throws Exception {
        try (KafkaProducer<String, String> producer = strings(props("max.request.size", 1000))) {
            Throwable e = failure(producer.send(new ProducerRecord<>(topic(1), "x".repeat(2000))));
            assertInstanceOf(RecordTooLargeException.class, e);
            assertTrue(e.getMessage().contains("max.request.size"), e.getMessage());
        }
        try (KafkaProducer<String, String> producer = strings(props("buffer.memory", 10_000L))) {
            Throwable e = failure(producer.send(new ProducerRecord<>(topic(1), "x".repeat(20_000))));
            assertInstanceOf(RecordTooLargeException.class, e);
            assertTrue(e.getMessage().contains("buffer.memory"), e.getMessage());
        }
    }

    /**
     * The broker holds back its answers, so the batches in flight keep the 64 KiB of buffer.memory:
     * send blocks, then fails after max.block.ms naming both settings; once answers come, memory
     * returns and every record sent before that is acknowledged.
     */
    @Test
    void aFullBufferBlocksSendThenFailsNamingTheLimit() throws Exception {
        String topic = topic(1);
        broker.faults().delayNext(ApiKeys.PRODUCE, 1000, Duration.ofSeconds(2));
        List<CompletableFuture<RecordMetadata>> accepted = new ArrayList<>();
        Throwable exhausted = null;
        long blockedMs = 0;
        try (KafkaProducer<String, String> producer = strings(props("buffer.memory", 64 * 1024L, "batch.size", 16 * 1024,
            "max.block.ms", 300, "linger.ms", 0))) {
            String value = "v".repeat(1000);
            for (int i = 0; i < 200 && exhausted == null; i++) {
                long start = System.nanoTime();
                CompletableFuture<RecordMetadata> f = producer.send(new ProducerRecord<>(topic, value));
                if (f.isCompletedExceptionally()) {
                    blockedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    exhausted = failure(f);
                } else {
                    accepted.add(f);
                }
            }
            assertNotNull(exhausted, "64 KiB cannot hold 200 KB of records");
            assertInstanceOf(BufferExhaustedException.class, exhausted);
            assertTrue(exhausted.getMessage().contains("buffer.memory") && exhausted.getMessage().contains("max.block.ms"),
                exhausted.getMessage());
            assertTrue(blockedMs >= 300, "failed after " + blockedMs + " ms, before max.block.ms");
            assertEquals(1.0, metric(producer, "buffer-exhausted-total"));
            broker.faults().clear();
            for (CompletableFuture<RecordMetadata> f : accepted) {
                assertTrue(f.get(60, TimeUnit.SECONDS).hasOffset());
            }
            // Memory is back: a blocked send now waits for it instead of failing.
            assertTrue(producer.send(new ProducerRecord<>(topic, value)).get(60, TimeUnit.SECONDS).hasOffset());
        } finally {
            broker.faults().clear();
        }
    }

    /**
     * A topic whose max.message.bytes is far below batch.size: the broker refuses the batches
     * (MESSAGE_TOO_LARGE), the producer splits them until they fit, and every record arrives once,
     * in order; a single record over the limit fails with RecordTooLargeException.
     */
    @Test
    void batchesTheBrokerRefusesAsTooLargeAreSplit() throws Exception {
        String topic = "split-" + IDS.incrementAndGet();
        broker.createTopic(topic, 1, Map.of("max.message.bytes", "3000"));
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        try (KafkaProducer<String, String> producer = strings(props("linger.ms", 600_000, "delivery.timeout.ms",
            700_000, "batch.size", 16384))) {
            for (int i = 0; i < 300; i++) {
                futures.add(producer.send(new ProducerRecord<>(topic, String.format("%05d", i) + "x".repeat(95))));
            }
            producer.flush();
            for (int i = 0; i < futures.size(); i++) {
                assertTrue(futures.get(i).isDone(), "flush waited for the split batches");
                assertEquals(i, futures.get(i).get().offset());
            }
            assertTrue(metric(producer, "batch-split-total") >= 1);
            CompletableFuture<RecordMetadata> tooLarge = producer.send(new ProducerRecord<>(topic, "y".repeat(5000)));
            producer.flush();
            assertInstanceOf(RecordTooLargeException.class, failure(tooLarge));
        }
        List<ConsumerRecord<byte[], byte[]>> read = ApacheReader.readAll(broker.bootstrapServers(), topic, 300,
            Duration.ofSeconds(30)).get(0);
        assertEquals(300, read.size());
        for (int i = 0; i < 300; i++) {
            assertEquals(String.format("%05d", i), new String(read.get(i).value(), StandardCharsets.UTF_8).substring(0, 5));
        }
    }

    // ---- flush and close ----

    @Test
    void flushSendsWhatLingers() throws Exception {
        try (KafkaProducer<String, String> producer = strings(props("linger.ms", 600_000, "delivery.timeout.ms",
            700_000))) {
            List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
            String topic = topic(2);
            for (int i = 0; i < 100; i++) {
                futures.add(producer.send(new ProducerRecord<>(topic, "v" + i)));
            }
            assertFalse(futures.get(0).isDone());
            producer.flush();
            for (CompletableFuture<RecordMetadata> f : futures) {
                assertTrue(f.isDone() && !f.isCompletedExceptionally());
            }
        }
    }

    @Test
    void flushFromACallbackIsRefusedAsApacheRefusesIt() throws Exception {
        AtomicReference<Exception> refused = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = strings(props())) {
            CLOSING.set(producer);
            producer.send(new ProducerRecord<>(topic(1), "v"), (m, e) -> {
                try {
                    producerRef().flush();
                } catch (KafkaException ex) {
                    refused.set(ex);
                }
            }).get(30, TimeUnit.SECONDS);
        }
        assertNotNull(refused.get());
        assertTrue(refused.get().getMessage().contains("callback"), refused.get().getMessage());
    }

    @Test
    void aSendFromACallbackIsDeliveredOrFailsAtOnceWithoutBlockingTheNetworkThread() throws Exception {
        // Callbacks run on the network thread: a send from one to a known topic goes out as usual,
        // and one to a topic without metadata fails at once, since that thread would fetch it.
        String known = topic(1);
        String unknown = "not-yet-" + IDS.incrementAndGet();
        AtomicReference<CompletableFuture<RecordMetadata>> chained = new AtomicReference<>();
        AtomicReference<CompletableFuture<RecordMetadata>> refused = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = strings(props("max.block.ms", 60_000))) {
            CLOSING.set(producer);
            long start = System.nanoTime();
            producer.send(new ProducerRecord<>(known, "first"), (m, e) -> {
                chained.set(producerRef().send(new ProducerRecord<>(known, "second")));
                refused.set(producerRef().send(new ProducerRecord<>(unknown, "lost")));
            }).get(30, TimeUnit.SECONDS);
            assertTrue(chained.get().get(30, TimeUnit.SECONDS).hasOffset());
            ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get().get(1, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof TimeoutException, e.getCause().toString());
            assertTrue(e.getCause().getMessage().contains("callback") && e.getCause().getMessage().contains(unknown),
                e.getCause().getMessage());
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 30, "waited for max.block.ms");
        }
    }

    @Test
    void aSendFromACallbackFailsAtOnceWhenBufferMemoryIsFullAndSaysWhy() throws Exception {
        // A callback that fills buffer.memory: only the network thread, the one running the
        // callback, can free memory, so the send that finds none must fail at once, not wait for
        // max.block.ms. The records it did buffer are delivered.
        String topic = topic(1);
        String big = "x".repeat(10_000); // one per 16 KiB batch: four batches fill 64 KiB
        List<CompletableFuture<RecordMetadata>> fromCallback = new ArrayList<>();
        CountDownLatch callbackDone = new CountDownLatch(1);
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = strings(props("buffer.memory", 65_536, "batch.size", 16_384,
            "linger.ms", 600_000, "delivery.timeout.ms", 700_000, "max.block.ms", 60_000))) {
            CLOSING.set(producer);
            producer.send(new ProducerRecord<>(topic, "first"), (m, e) -> {
                for (int i = 0; i < 8; i++) {
                    fromCallback.add(producerRef().send(new ProducerRecord<>(topic, big)));
                }
                callbackDone.countDown();
            });
            producer.flush();
            assertTrue(callbackDone.await(30, TimeUnit.SECONDS));
        }
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 30, "waited for max.block.ms");
        int delivered = 0;
        int refused = 0;
        for (CompletableFuture<RecordMetadata> f : fromCallback) {
            assertTrue(f.isDone());
            if (f.isCompletedExceptionally()) {
                Throwable e = failure(f);
                assertInstanceOf(BufferExhaustedException.class, e);
                assertTrue(e.getMessage().contains("callback") && e.getMessage().contains("buffer.memory")
                    && e.getMessage().contains(topic), e.getMessage());
                refused++;
            } else {
                assertTrue(f.get().hasOffset());
                delivered++;
            }
        }
        assertTrue(delivered >= 3 && refused >= 4, delivered + " delivered, " + refused + " refused");
    }

    @Test
    void closeDeliversWhatIsBuffered() throws Exception {
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        String topic = topic(2);
        KafkaProducer<String, String> producer = strings(props("linger.ms", 600_000, "delivery.timeout.ms", 700_000));
        for (int i = 0; i < 100; i++) {
            futures.add(producer.send(new ProducerRecord<>(topic, "v" + i)));
        }
        producer.close();
        for (CompletableFuture<RecordMetadata> f : futures) {
            assertTrue(f.isDone());
            assertTrue(f.get().hasOffset());
        }
        assertThrows(IllegalStateException.class, () -> producer.send(new ProducerRecord<>(topic, "late")));
        producer.close(); // twice is fine
    }

    @Test
    void closeWithZeroTimeoutFailsWhatIsBuffered() throws Exception {
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        List<Exception> callbackErrors = new ArrayList<>();
        String topic = topic(2);
        KafkaProducer<String, String> producer = strings(props("linger.ms", 600_000, "delivery.timeout.ms", 700_000));
        for (int i = 0; i < 100; i++) {
            futures.add(producer.send(new ProducerRecord<>(topic, "v" + i), (m, e) -> {
                synchronized (callbackErrors) {
                    callbackErrors.add(e);
                }
            }));
        }
        producer.close(Duration.ZERO);
        for (CompletableFuture<RecordMetadata> f : futures) {
            Throwable e = failure(f);
            assertInstanceOf(KafkaException.class, e);
            assertTrue(e.getMessage().contains("closed forcefully"), e.getMessage());
        }
        assertEquals(100, callbackErrors.size());
        assertTrue(callbackErrors.stream().allMatch(e -> e instanceof KafkaException));
    }

    @Test
    void closeWithATimeoutGivesUpOnAnUnansweredRequest() throws Exception {
        String topic = topic(1);
        try (KafkaProducer<String, String> warm = strings(props())) {
            warm.send(new ProducerRecord<>(topic, "warm")).get(30, TimeUnit.SECONDS);
        }
        KafkaProducer<String, String> producer = strings(props("linger.ms", 0));
        producer.partitionsFor(topic);
        broker.faults().delayNext(ApiKeys.PRODUCE, 5, Duration.ofSeconds(10));
        try {
            CompletableFuture<RecordMetadata> f = producer.send(new ProducerRecord<>(topic, "held"));
            producer.close(Duration.ofMillis(300));
            assertInstanceOf(KafkaException.class, failure(f));
        } finally {
            broker.faults().clear();
        }
    }

    @Test
    void closeFromACallbackDoesNotDeadlock() throws Exception {
        String topic = topic(1);
        KafkaProducer<String, String> producer = strings(props());
        CLOSING.set(producer);
        CompletableFuture<RecordMetadata> f = producer.send(new ProducerRecord<>(topic, "v"),
            (m, e) -> producerRef().close(Duration.ofSeconds(10)));
        assertTrue(f.get(30, TimeUnit.SECONDS).hasOffset());
        producer.close();
        assertThrows(IllegalStateException.class, () -> producer.send(new ProducerRecord<>(topic, "late")));
    }

    private static final AtomicReference<KafkaProducer<String, String>> CLOSING = new AtomicReference<>();

    private static KafkaProducer<String, String> producerRef() {
        return CLOSING.get();
    }

    // ---- metadata ----

    @Test
    void partitionsForWaitsForMetadata() throws Exception {
        String topic = topic(4);
        try (KafkaProducer<String, String> producer = strings(props())) {
            List<PartitionInfo> partitions = producer.partitionsFor(topic);
            assertEquals(4, partitions.size());
            assertNotNull(partitions.get(0).leader());
        }
    }

    @Test
    void aBrokerDownAtStartFailsSendAfterMaxBlockNamingTheBootstrapServers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "127.0.0.1:" + port);
        props.put("max.block.ms", 1000);
        try (KafkaProducer<String, String> producer = strings(props)) {
            long start = System.nanoTime();
            AtomicReference<Exception> callback = new AtomicReference<>();
            CompletableFuture<RecordMetadata> f = producer.send(new ProducerRecord<>("anything", "v"),
                (m, e) -> callback.set(e));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Throwable e = failure(f);
            assertInstanceOf(TimeoutException.class, e);
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertTrue(e.getMessage().contains("max.block.ms"), e.getMessage());
            assertTrue(tookMs >= 1000, "gave up after " + tookMs + " ms");
            assertInstanceOf(TimeoutException.class, callback.get());
            assertThrows(TimeoutException.class, () -> producer.partitionsFor("anything"));
        }
    }

    // ---- acks ----

    @Test
    void acksZeroAndOneBothDeliver() throws Exception {
        for (String acks : new String[] {"0", "1"}) {
            String topic = topic(1);
            try (KafkaProducer<String, String> producer = strings(props("acks", acks))) {
                RecordMetadata last = null;
                for (int i = 0; i < 100; i++) {
                    last = producer.send(new ProducerRecord<>(topic, "v" + i)).get(30, TimeUnit.SECONDS);
                }
                assertEquals(!acks.equals("0"), last.hasOffset(), "acks=0 learns no offset");
            }
            assertEquals(100, ApacheReader.readAll(broker.bootstrapServers(), topic, 100, Duration.ofSeconds(30))
                .get(0).size());
        }
    }

    // ---- threads and metrics ----

    @Test
    void manyThreadsSendAtOnce() throws Exception {
        String topic = topic(4);
        int threads = 8;
        int perThread = 5000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (KafkaProducer<String, String> producer = strings(props())) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        producer.send(new ProducerRecord<>(topic, "thread-" + id, id + ":" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            producer.flush();
            assertEquals((double) threads * perThread, metric(producer, "record-send-total"));
        } finally {
            pool.shutdownNow();
        }
        int[] last = new int[threads];
        java.util.Arrays.fill(last, -1);
        long read = ApacheReader.read(broker.bootstrapServers(), topic, (long) threads * perThread,
            Duration.ofSeconds(60), r -> {
                String[] parts = new String(r.value(), StandardCharsets.UTF_8).split(":");
                int thread = Integer.parseInt(parts[0]);
                int i = Integer.parseInt(parts[1]);
                assertEquals(last[thread] + 1, i, "thread " + thread + "'s records in order, none missing");
                last[thread] = i;
            });
        assertEquals((long) threads * perThread, read);
    }

    @Test
    void metricsHaveApachesNamesAndMove() throws Exception {
        String topic = topic(2);
        try (KafkaProducer<String, String> producer = strings(props("compression.type", "lz4",
            "buffer.memory", 8L << 20))) {
            for (int i = 0; i < 2000; i++) {
                producer.send(new ProducerRecord<>(topic, "value that compresses well " + (i % 10)));
            }
            producer.flush();
            producer.send(new ProducerRecord<>(topic, "x".repeat(2_000_000))); // too large: an error
            assertTrue(metric(producer, "record-send-rate") > 0);
            assertEquals(2000.0, metric(producer, "record-send-total"));
            assertTrue(metric(producer, "batch-size-avg") > 0);
            double ratio = metric(producer, "compression-rate-avg");
            assertTrue(ratio > 0 && ratio < 0.5, "compression-rate-avg " + ratio);
            assertTrue(metric(producer, "request-latency-avg") > 0);
            assertEquals((double) (8L << 20), metric(producer, "buffer-available-bytes"));
            assertEquals((double) (8L << 20), metric(producer, "buffer-total-bytes"));
            assertTrue(metric(producer, "record-error-rate") > 0);
            assertEquals(1.0, metric(producer, "record-error-total"));
            MetricName name = producer.metrics().keySet().stream()
                .filter(n -> n.name().equals("record-send-rate")).findFirst().orElseThrow();
            assertEquals("producer-metrics", name.group());
            assertNotNull(name.tags().get("client-id"));
        }
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
