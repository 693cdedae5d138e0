package io.strand.clients.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.clients.producer.ProducerRecord;
import io.strand.common.TopicPartition;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.serialization.ByteArraySerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Strand idempotent producer (acks=all, 5 requests in flight) sends a million small records
 * to a three-node bundled broker while a fault thread keeps injecting, every few milliseconds:
 * NOT_LEADER_OR_FOLLOWER, REQUEST_TIMED_OUT and NETWORK_EXCEPTION answers, connections dropped
 * before and after a Produce was handled, responses delayed past the request timeout (so the
 * producer retries batches the broker already wrote), and partition leaders moved to another
 * node. Read back with Apache's consumer: every record once, per partition in send order.
 * {@code -Dstrand.reliability.records=N} scales the run.
 */
class IdempotentProducerFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(IdempotentProducerFaultsTest.class);

    static final int RECORDS = Integer.getInteger("strand.reliability.records", 1_000_000);
    private static final int PARTITIONS = 6;
    private static final int REQUEST_TIMEOUT_MS = 1_000;

    @Test
    void noRecordLostOrDuplicatedAndEachPartitionInSendOrder() throws Exception {
        try (StubBroker broker = StubBroker.builder().nodes(3).build()) {
            String topic = "faults";
            broker.createTopic(topic, PARTITIONS);
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
            props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
            props.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 10);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
            AtomicLong acked = new AtomicLong();
            Map<String, Integer> errors = new ConcurrentHashMap<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            int sent = 0;
            FaultThread faults = new FaultThread(broker, topic, sending);
            long start = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
                faults.start();
                // Faults are armed on a clock, so a fast run could end before every kind has hit a
                // request: keep sending (bounded) until each kind was armed and had time to fire.
                for (int i = 0; i < RECORDS || (!faults.everyKindArmed && i < RECORDS * 20); i++) {
                    sent = i + 1;
                    byte[] value = ByteBuffer.allocate(8).putLong(i).array();
                    producer.send(new ProducerRecord<>(topic, i % PARTITIONS, null, value), (md, e) -> {
                        if (e == null) {
                            acked.incrementAndGet();
                        } else {
                            errors.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
                        }
                    });
                }
                // Arm no new faults while the tail drains: with one partition left, a fault armed
                // every ~100 ms would hit every retry of it (a storm no client gets through), and the
                // run would measure the injector, not the producer.
                sending.set(false);
                producer.flush();
            } finally {
                sending.set(false);
                faults.join();
            }
            long sendMs = (System.nanoTime() - start) / 1_000_000;
            broker.faults().clear();
            Map<Integer, List<byte[]>> read = TopicReader.readAll(broker.bootstrapServers(), topic, PARTITIONS,
                Duration.ofSeconds(60));
            int lost = 0;
            int duplicated = 0;
            int misordered = 0;
            for (int p = 0; p < PARTITIONS; p++) {
                long expected = p;
                java.util.Set<Long> seen = new java.util.HashSet<>();
                for (byte[] v : read.get(p)) {
                    long i = ByteBuffer.wrap(v).getLong();
                    if (!seen.add(i)) {
                        duplicated++;
                    } else if (i != expected) {
                        misordered++;
                    }
                    expected = Math.max(expected, i) + PARTITIONS;
                }
                for (long i = p; i < sent; i += PARTITIONS) {
                    if (!seen.contains(i)) {
                        lost++;
                    }
                }
            }
            log.info("Idempotent producer under faults: {} records in {} ms ({} records/s), {} acknowledged; "
                    + "faults injected {}; read back: {} lost, {} duplicated, {} out of order; send errors {}",
                sent, sendMs, sent * 1000L / Math.max(1, sendMs), acked.get(), faults.injected, lost, duplicated,
                misordered, errors);
            assertEquals(Map.of(), errors);
            assertEquals(sent, acked.get());
            assertEquals(0, lost, "lost");
            assertEquals(0, duplicated, "duplicated");
            assertEquals(0, misordered, "out of send order");
            assertTrue(faults.injected.size() >= 7, "every kind of fault was injected: " + faults.injected);
        }
    }

    /** Arms one fault at a time, a few milliseconds apart, while the producer sends. */
    private static final class FaultThread extends Thread {
        final Map<String, Integer> injected = new TreeMap<>();
        private final StubBroker broker;
        private final String topic;
        private final AtomicBoolean sending;
        private final Random random = new Random(8);
        volatile boolean everyKindArmed;
        private int armed;

        FaultThread(StubBroker broker, String topic, AtomicBoolean sending) {
            super("fault-injector");
            this.broker = broker;
            this.topic = topic;
            this.sending = sending;
        }

        @Override
        public void run() {
            while (sending.get()) {
                int kind = armed < 7 ? armed : random.nextInt(7); // each kind once first, then at random
                String name;
                switch (kind) {
                    case 0 -> {
                        broker.faults().failNext(ApiKeys.PRODUCE, 1, Errors.NOT_LEADER_OR_FOLLOWER);
                        name = "NOT_LEADER_OR_FOLLOWER";
                    }
                    case 1 -> {
                        broker.faults().failNext(ApiKeys.PRODUCE, 1, Errors.REQUEST_TIMED_OUT);
                        name = "REQUEST_TIMED_OUT";
                    }
                    case 2 -> {
                        broker.faults().failNext(ApiKeys.PRODUCE, 1, Errors.NETWORK_EXCEPTION);
                        name = "NETWORK_EXCEPTION";
                    }
                    case 3 -> {
                        broker.faults().disconnectOnNext(ApiKeys.PRODUCE);
                        name = "dropped before handling";
                    }
                    case 4 -> {
                        broker.faults().disconnectAfterNext(ApiKeys.PRODUCE);
                        name = "dropped after handling";
                    }
                    case 5 -> {
                        broker.faults().delayNext(ApiKeys.PRODUCE, 1, Duration.ofMillis(REQUEST_TIMEOUT_MS + 500));
                        name = "delayed past the request timeout";
                    }
                    default -> {
                        TopicPartition tp = new TopicPartition(topic, random.nextInt(PARTITIONS));
                        int to = (broker.leader(tp) + 1 + random.nextInt(2)) % 3;
                        broker.moveLeader(tp, to);
                        name = "leader moved";
                    }
                }
                synchronized (injected) {
                    injected.merge(name, 1, Integer::sum);
                }
                try {
                    Thread.sleep(kind == 5 ? 500 : 100);
                } catch (InterruptedException e) {
                    return;
                }
                if (++armed == 7) {
                    everyKindArmed = true;
                }
            }
        }
    }
}
