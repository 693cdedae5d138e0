package io.strand.clients.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.common.TopicPartition;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.serialization.ByteArraySerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Strand idempotent producer (acks=all, 5 requests in flight) sends a steady stream to 6
 * partitions of a three-node bundled broker while nodes are stopped and started again, one at a
 * time, each twice, each time with Produce requests it has written but not answered yet (their
 * responses held back): a stopped node's connections close (its requests in flight fail), its port
 * refuses connections, and the partitions it led move to another node in a new leader epoch.
 * delivery.timeout.ms covers the time a node is away, so every record must be acknowledged. Read
 * back with Apache's consumer: every acknowledged record at its acknowledged offset, none twice,
 * each partition in send order. {@code -Dstrand.reliability.nodeStopRecords=N} scales the run.
 */
class IdempotentNodeStopTest {

    private static final Logger log = LoggerFactory.getLogger(IdempotentNodeStopTest.class);
    private static final int RECORDS = Integer.getInteger("strand.reliability.nodeStopRecords", 120_000);
    private static final int NODES = 3;
    private static final int PARTITIONS = 6;
    private static final int STOPS = 2 * NODES;
    /** Produce requests a node has written but not yet answered when it stops. */
    private static final int HELD = 2;

    @Test
    void acknowledgedRecordsSurviveNodeStopsOnceEachAndInOrder() throws Exception {
        try (StubBroker broker = StubBroker.builder().nodes(NODES).build()) {
            String topic = "node-stops";
            broker.createTopic(topic, PARTITIONS);
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000);
            props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 20);
            props.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 20);
            props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
            TrackedSends sends = new TrackedSends(PARTITIONS, 1 << 20);
            NodeStops stops = new NodeStops(broker, topic, () -> (int) sends.acked.get());
            long start = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
                stops.start();
                // A steady stream until the stops are over and some records went out after the last.
                long until = Long.MAX_VALUE;
                while (sends.sent.get() < until) {
                    for (int k = 0; k < 100; k++) {
                        sends.send(producer, topic);
                    }
                    if (until == Long.MAX_VALUE && !stops.isAlive()) {
                        until = Math.max(RECORDS, sends.sent.get() + RECORDS / 10);
                    }
                    Thread.sleep(5);
                }
                producer.flush();
            } finally {
                stops.finish();
            }
            if (stops.failure.get() != null) {
                throw new AssertionError("stopping or restarting a node failed", stops.failure.get());
            }
            long records = sends.sent.get();
            long sendMs = (System.nanoTime() - start) / 1_000_000;
            Map<Integer, List<byte[]>> read = TopicReader.readAll(broker.bootstrapServers(), topic, PARTITIONS,
                Duration.ofSeconds(60));
            ReadBack check = ReadBack.check(read, PARTITIONS, records, sends::ackedOffset);
            log.info("NODE STOPS: {} records in {} ms; {} node stops: {}; {} acknowledged in the end, errors {}; read back "
                    + "{}: {} acknowledged but missing, {} not at their acknowledged offset, {} duplicated, {} out of send "
                    + "order", records, sendMs, STOPS, stops.report, sends.acked.get(), sends.failures, check.total(),
                check.lost(), check.wrongOffset(), check.duplicated(), check.misordered());
            assertEquals(STOPS, stops.report.size(), "node stops done");
            assertTrue(stops.leadersMoved > 0, "the stops moved partition leaders");
            assertTrue(stops.heldAtStops > 0, "nodes stopped with written, unanswered Produce requests");
            assertEquals(Map.of(), sends.failures, "records failed");
            assertEquals(records, sends.acked.get(), "acknowledged");
            assertEquals(0, check.lost(), "acknowledged but missing");
            assertEquals(0, check.wrongOffset(), "not at the acknowledged offset");
            assertEquals(0, check.duplicated(), "duplicated");
            assertEquals(0, check.misordered(), "out of send order");
            assertEquals(records, check.total(), "records in the topic");
        }
    }

    /**
     * Once some records have been acknowledged since the last restart, stops a node (0, 1, 2, 0,
     * ...), keeps it away while the producer keeps sending (200 ms to 1 s), and starts it again.
     */
    private static final class NodeStops extends Thread {
        private final StubBroker broker;
        private final String topic;
        private final java.util.function.IntSupplier acked;
        final List<String> report = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile int leadersMoved;
        volatile int heldAtStops;

        NodeStops(StubBroker broker, String topic, java.util.function.IntSupplier acked) {
            super("node-stops");
            setDaemon(true);
            this.broker = broker;
            this.topic = topic;
            this.acked = acked;
        }

        @Override
        public void run() {
            try {
                for (int n = 0; n < STOPS; n++) {
                    int node = n % NODES;
                    long target = acked.getAsInt() + RECORDS / (STOPS + 1);
                    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
                    while (acked.getAsInt() < target) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("only " + acked.getAsInt() + " records acknowledged after 60 s");
                        }
                        Thread.sleep(5);
                    }
                    int led = 0;
                    for (int p = 0; p < PARTITIONS; p++) {
                        if (broker.leader(new TopicPartition(topic, p)) == node) {
                            led++;
                        }
                    }
                    leadersMoved += led;
                    // Stop the node with Produce requests in flight that it has written but not
                    // answered: the producer must retry them elsewhere and the retries be recognised.
                    broker.faults().onNode(node).delayNext(ApiKeys.PRODUCE, HELD, Duration.ofSeconds(5));
                    long heldBy = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
                    while (broker.faults().pending() > 0 && System.nanoTime() < heldBy) {
                        Thread.sleep(1);
                    }
                    int held = HELD - broker.faults().pending();
                    broker.faults().clear();
                    heldAtStops += held;
                    int ackedAtStop = acked.getAsInt();
                    broker.stopNode(node);
                    long away = 200 + 160L * n;
                    Thread.sleep(away);
                    broker.restartNode(node);
                    report.add(String.format("node %d (leading %d partitions, %d written Produce requests unanswered) at "
                        + "%d acknowledged, away %d ms", node, led, held, ackedAtStop, away));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        void finish() throws InterruptedException {
            join(120_000);
        }
    }
}
