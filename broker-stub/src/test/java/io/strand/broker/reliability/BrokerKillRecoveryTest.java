package io.strand.broker.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone broker with a data directory, SIGKILLed in the middle of an idempotent acks=all
 * produce load and started again on the same directory and port, with the default flush policy
 * (no fsync: appends reach the page cache before they are acknowledged): every acknowledged
 * record is read back at its acknowledged offset with its bytes, none twice, in send order per
 * partition. Then, killed again, the tail of a segment is torn by hand (the last batch's bytes
 * changed so that its CRC fails, and half a batch of garbage appended): recovery logs the cut,
 * and the broker serves everything before the tear and appends after it.
 */
class BrokerKillRecoveryTest {

    private static final Logger log = LoggerFactory.getLogger(BrokerKillRecoveryTest.class);

    private static final String TOPIC = "durable";
    private static final int PARTITIONS = 3;
    /** Acknowledged records before the kill; as many again are produced after the restart. */
    private static final int BEFORE_KILL = Integer.getInteger("strand.kill.records", 20_000);

    @TempDir
    Path tmp;

    private record Ack(int partition, long offset, String value) {
    }

    @Test
    void acknowledgedRecordsSurviveSigkillAndATornTailIsCut() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (BrokerProcess broker = new BrokerProcess(data, List.of("--partitions", Integer.toString(PARTITIONS)))) {
            broker.start();
            ConcurrentLinkedQueue<Ack> acked = new ConcurrentLinkedQueue<>();
            AtomicInteger acks = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            long start = System.nanoTime();
            int killedAt;
            int sent;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(broker.bootstrap()))) {
                AtomicInteger seq = new AtomicInteger();
                Thread sender = new Thread(() -> {
                    while (!stop.get()) {
                        int n = seq.getAndIncrement();
                        String value = "v-" + n;
                        producer.send(new ProducerRecord<>(TOPIC, n % PARTITIONS, null, value.getBytes(StandardCharsets.UTF_8)),
                            (md, e) -> {
                                if (e == null) {
                                    acked.add(new Ack(md.partition(), md.offset(), value));
                                    acks.incrementAndGet();
                                } else {
                                    failed.incrementAndGet();
                                }
                            });
                    }
                }, "kill-test-sender");
                sender.start();
                awaitAcks(acks, BEFORE_KILL);
                broker.kill();
                killedAt = acks.get();
                broker.start();
                awaitAcks(acks, killedAt + BEFORE_KILL);
                stop.set(true);
                sender.join(60_000);
                producer.flush();
                sent = seq.get();
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            Map<Integer, Map<Long, String>> log1 = readAll(broker.bootstrap());
            int total = log1.values().stream().mapToInt(Map::size).sum();
            assertEverythingAcknowledgedIsThere(acked, log1);
            assertNoDuplicatesInSendOrder(log1);
            log.info("Kill test: {} records sent in {} ms, {} acknowledged ({} before SIGKILL), {} failed; {} in the "
                + "log after the restart, all acknowledged ones at their offsets, none twice", sent, ms, acks.get(),
                killedAt, failed.get(), total);
            assertEquals(0, failed.get(), "the idempotent producer retries through the restart");

            broker.kill();
            long cut = tear(data.resolve(TOPIC + "-0"));
            broker.start();
            String recovery = broker.log();
            assertTrue(recovery.contains("Truncating") && recovery.contains(TOPIC + "-0"), recovery);
            Map<Integer, Map<Long, String>> log2 = readAll(broker.bootstrap());
            assertEquals(cut, log2.get(0).size(), "partition 0 ends where its torn batch began");
            for (long o = 0; o < cut; o++) {
                assertEquals(log1.get(0).get(o), log2.get(0).get(o), "offset " + o);
            }
            assertEquals(log1.get(1), log2.get(1));
            assertEquals(log1.get(2), log2.get(2));
            assertEverythingAcknowledgedIsThere(acked.stream().filter(a -> a.partition() != 0 || a.offset() < cut).toList(),
                log2);
            List<String> after = ApacheRoundTrip.produceAndRead(broker.bootstrap(), "after-tear", 10);
            assertEquals(10, after.size());
            String cutLine = recovery.lines().filter(l -> l.contains("Truncating")).findFirst().orElseThrow();
            log.info("Torn tail: partition 0 cut at offset {} of {}; the broker said: {}", cut, log1.get(0).size(),
                cutLine);
        }
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = ApacheRoundTrip.producerProps(bootstrap);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        // A small buffer bounds what waits for the restarted broker.
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 512 * 1024);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 16 * 1024);
        return p;
    }

    private static void awaitAcks(AtomicInteger acks, int target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acks.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acks.get() + " of " + target + " records acknowledged in 120 s");
            }
            Thread.sleep(5);
        }
    }

    /** Partition -> offset -> value, everything up to the end offsets. */
    private static Map<Integer, Map<Long, String>> readAll(String bootstrap) {
        Map<Integer, Map<Long, String>> out = new HashMap<>();
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            tps.add(new TopicPartition(TOPIC, p));
            out.put(p, new HashMap<>());
        }
        try (KafkaConsumer<byte[], byte[]> consumer = ApacheRoundTrip.consumer(bootstrap)) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read up to " + ends + " in 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.get(r.partition()).put(r.offset(), new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void assertEverythingAcknowledgedIsThere(Iterable<Ack> acked, Map<Integer, Map<Long, String>> log) {
        List<String> missing = new ArrayList<>();
        for (Ack a : acked) {
            String found = log.get(a.partition()).get(a.offset());
            if (!a.value().equals(found)) {
                missing.add(a + " but the log has " + found);
            }
        }
        assertEquals(List.of(), missing.subList(0, Math.min(20, missing.size())), missing.size() + " acknowledged records lost");
    }

    /** Each value once, and per partition in the order it was sent (the sequence in the value grows). */
    private static void assertNoDuplicatesInSendOrder(Map<Integer, Map<Long, String>> log) {
        for (Map.Entry<Integer, Map<Long, String>> p : log.entrySet()) {
            List<Long> offsets = new ArrayList<>(p.getValue().keySet());
            offsets.sort(null);
            long previous = -1;
            for (long o : offsets) {
                long seq = Long.parseLong(p.getValue().get(o).substring(2));
                assertTrue(seq > previous, "partition " + p.getKey() + " offset " + o + " holds v-" + seq
                    + " after v-" + previous + ": a duplicate or a reordering");
                previous = seq;
            }
            assertEquals(offsets.size() == 0 ? 0 : offsets.get(offsets.size() - 1) + 1, offsets.size(),
                "partition " + p.getKey() + " has no gaps");
        }
    }

    /**
     * Tears the last segment of a partition as a crash in the middle of a write could: changes a
     * byte of its last batch (the CRC no longer matches) and appends a partial batch header.
     *
     * @return the base offset of the damaged batch, where recovery must cut
     */
    private static long tear(Path partitionDir) throws Exception {
        Path segment;
        try (Stream<Path> files = Files.list(partitionDir)) {
            segment = files.filter(f -> f.toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long position = 0;
            long lastPosition = -1;
            long lastBase = -1;
            int lastLength = 0;
            ByteBuffer head = ByteBuffer.allocate(12);
            while (position + 12 <= size) {
                head.clear();
                ch.read(head, position);
                long base = head.getLong(0);
                int length = head.getInt(8);
                if (position + 12 + length > size) {
                    break;
                }
                lastPosition = position;
                lastBase = base;
                lastLength = length;
                position += 12 + length;
            }
            assertTrue(lastPosition >= 0 && position == size, "a whole number of batches in " + segment);
            long victim = lastPosition + 12 + lastLength - 1; // the last byte of the last record
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, victim);
            b.put(0, (byte) (b.get(0) ^ 0x5a)).rewind();
            ch.write(b, victim);
            ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 0, 0, 0, 42, 0, 0, 3, (byte) 0xe8, 1, 2}), size);
            return lastBase;
        }
    }
}
