package io.strand.clients.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.testkit.RealKafka;
import io.strand.common.serialization.ByteArraySerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Strand idempotent producer (acks=all) against a real Kafka 4.1 broker that is stopped and
 * started again, twice, while records are being sent (each time after some were acknowledged,
 * with others in flight, and sends going on while it is away). delivery.timeout.ms covers the time the
 * broker is away, so every record must end up acknowledged. Read back with Apache's consumer:
 * every acknowledged record at its acknowledged offset, none twice, each partition in send order.
 *
 * <p>The broker is one KRaft node in this JVM ({@link RealKafka}); {@code stop()} is Kafka's own
 * shutdown (it closes its logs cleanly), not a kill: the bundled broker's SIGKILL test
 * ({@code BrokerKillRecoveryTest}) covers a process that dies without warning.
 * {@code -Dstrand.reliability.realKafkaRecords=N} scales the run.
 */
class RealKafkaRestartTest {

    private static final Logger log = LoggerFactory.getLogger(RealKafkaRestartTest.class);
    private static final int RECORDS = Integer.getInteger("strand.reliability.realKafkaRecords", 60_000);
    private static final int PARTITIONS = 3;
    private static final int RESTARTS = 2;

    @Test
    void acknowledgedRecordsSurviveBrokerRestartsOnceEachAndInOrder() throws Exception {
        try (RealKafka kafka = RealKafka.start()) {
            String topic = RealKafka.uniqueTopic("restarts");
            kafka.createTopic(topic, PARTITIONS);
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            // The broker is away for a few seconds each time; two minutes covers it generously.
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000);
            props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50);
            props.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
            props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
            // (partition << 32 | value index) -> acknowledged offset
            Map<Long, Long> acked = new ConcurrentHashMap<>();
            Map<String, Integer> errors = new ConcurrentHashMap<>();
            AtomicLong sent = new AtomicLong();
            Restarts restarts = new Restarts(kafka, acked::size, sent::get);
            long start = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
                restarts.start();
                // A steady stream, until the restarts are over and some records went out after the last.
                long until = Long.MAX_VALUE;
                while (sent.get() < until) {
                    for (int k = 0; k < 200; k++) {
                        long i = sent.get();
                        int partition = (int) (i % PARTITIONS);
                        producer.send(new ProducerRecord<>(topic, partition, null, ByteBuffer.allocate(8).putLong(i).array()),
                            (md, e) -> {
                                if (e == null) {
                                    acked.put(((long) partition << 32) | i, md.offset());
                                } else {
                                    errors.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
                                }
                            });
                        sent.incrementAndGet();
                    }
                    if (until == Long.MAX_VALUE && !restarts.isAlive()) {
                        until = Math.max(RECORDS, sent.get() + RECORDS / 10);
                    }
                    Thread.sleep(10);
                }
                producer.flush();
            } finally {
                restarts.join(120_000);
            }
            if (restarts.failure != null) {
                throw new AssertionError("stopping or restarting the broker failed", restarts.failure);
            }
            long records = sent.get();
            long sendMs = (System.nanoTime() - start) / 1_000_000;
            Map<Integer, List<byte[]>> read = TopicReader.readAll(kafka.bootstrapServers(), topic, PARTITIONS,
                Duration.ofSeconds(60));
            ReadBack check = ReadBack.check(read, PARTITIONS, records, i -> {
                Long offset = acked.get(((i % PARTITIONS) << 32) | i);
                return offset == null ? -1 : offset;
            });
            log.info("REAL KAFKA RESTARTS: {} records in {} ms; broker stopped and restarted {} times: {}; {} acknowledged "
                    + "in the end, errors {}; read back {}: {} acknowledged but missing, {} not at their acknowledged "
                    + "offset, {} duplicated, {} out of order", records, sendMs, RESTARTS, restarts.report, acked.size(),
                errors, check.total(), check.lost(), check.wrongOffset(), check.duplicated(), check.misordered());
            assertEquals(Map.of(), errors, "records failed");
            assertEquals(records, acked.size(), "acknowledged");
            assertEquals(0, check.lost(), "acknowledged but missing");
            assertEquals(0, check.wrongOffset(), "not at the acknowledged offset");
            assertEquals(0, check.duplicated(), "duplicated");
            assertEquals(0, check.misordered(), "out of send order");
            assertEquals(records, check.total(), "records in the topic");
        }
    }

    /**
     * Stops the broker once some records have been acknowledged since the last restart, keeps it
     * away for half a second while the producer keeps sending, starts it again; {@value #RESTARTS} times.
     */
    private static final class Restarts extends Thread {
        private final RealKafka kafka;
        private final java.util.function.LongSupplier acked;
        private final java.util.function.LongSupplier sent;
        final List<String> report = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile Throwable failure;

        Restarts(RealKafka kafka, java.util.function.IntSupplier acked, java.util.function.LongSupplier sent) {
            super("broker-restarts");
            setDaemon(true);
            this.kafka = kafka;
            this.acked = acked::getAsInt;
            this.sent = sent;
        }

        @Override
        public void run() {
            try {
                for (int n = 0; n < RESTARTS; n++) {
                    long target = acked.getAsLong() + RECORDS / (2 * RESTARTS);
                    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
                    while (acked.getAsLong() < target) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("only " + acked.getAsLong() + " records acknowledged after 60 s");
                        }
                        Thread.sleep(5);
                    }
                    long ackedAtStop = acked.getAsLong();
                    long sentAtStop = sent.getAsLong();
                    long down = System.nanoTime();
                    kafka.stop();
                    Thread.sleep(500);
                    kafka.restart();
                    report.add(String.format("stop %d at %d sent / %d acknowledged, away %d ms, %d sent meanwhile", n + 1,
                        sentAtStop, ackedAtStop, (System.nanoTime() - down) / 1_000_000, sent.getAsLong() - sentAtStop));
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }
}
