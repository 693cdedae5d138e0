package io.strand.clients.producer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.header.Header;
import io.strand.common.serialization.ByteArraySerializer;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Sends {@link RecordPattern} records with Strand's producer and checks them read back by
 * Apache's consumer: each exactly once, each partition in send order, keyed records on Apache's
 * partition for their key, and key, value, headers and timestamp as sent.
 */
final class RoundTripChecks {

    private RoundTripChecks() {
    }

    /** Records per run: strand.producer.it.records (default 100,000), or strand.producer.it.big for the big run. */
    static int records(boolean big) {
        return big ? Integer.getInteger("strand.producer.it.big", 1_000_000)
            : Integer.getInteger("strand.producer.it.records", 100_000);
    }

    static void sendAndVerify(String bootstrap, String topic, int partitions, String codec, int count,
                              Map<String, Object> extra) {
        sendAndVerify(bootstrap, topic, partitions, codec, count, extra, i -> { });
    }

    /** The same, calling {@code beforeSend} with each record's index first (to inject faults). */
    static void sendAndVerify(String bootstrap, String topic, int partitions, String codec, int count,
                              Map<String, Object> extra, LongConsumer beforeSend) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long sendStart = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
            new ByteArraySerializer())) {
            Callback callback = (m, e) -> {
                if (e == null && m.hasOffset()) {
                    acked.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, e);
                }
            };
            for (long i = 0; i < count; i++) {
                beforeSend.accept(i);
                producer.send(new ProducerRecord<>(topic, null, RecordPattern.timestamp(i), RecordPattern.key(i),
                    RecordPattern.value(i), RecordPattern.headers(i)), callback);
            }
            producer.flush();
        }
        long sendEnd = System.currentTimeMillis();
        assertNull(firstError.get(), "a send failed");
        assertEquals(count, acked.get(), "acknowledged");
        assertEquals(0, failed.get());

        BitSet seen = new BitSet(count);
        long[] lastInPartition = new long[partitions];
        java.util.Arrays.fill(lastInPartition, -1);
        long[] duplicates = new long[1];
        long read = ApacheReader.read(bootstrap, topic, count, Duration.ofMinutes(3), r -> {
            long i = RecordPattern.indexOf(r.value());
            if (seen.get((int) i)) {
                duplicates[0]++;
                return;
            }
            seen.set((int) i);
            verifyRecord(r, i, partitions, sendStart, sendEnd);
            assertTrue(i > lastInPartition[r.partition()], "partition " + r.partition() + " has record " + i
                + " after record " + lastInPartition[r.partition()]);
            lastInPartition[r.partition()] = i;
        });
        assertEquals(0, duplicates[0], "duplicates");
        assertEquals(count, seen.cardinality(), "distinct records read back");
        assertEquals(count, read, "records read back");
    }

    private static void verifyRecord(ConsumerRecord<byte[], byte[]> r, long i, int partitions, long sendStart,
                                     long sendEnd) {
        assertArrayEquals(RecordPattern.value(i), r.value());
        byte[] key = RecordPattern.key(i);
        assertArrayEquals(key, r.key());
        if (key != null) {
            assertEquals(org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(key, partitions),
                r.partition(), "partition of key " + new String(key));
        }
        Long ts = RecordPattern.timestamp(i);
        if (ts != null) {
            assertEquals(ts, r.timestamp(), "timestamp of " + i);
        } else {
            assertTrue(r.timestamp() >= sendStart && r.timestamp() <= sendEnd, "send-time timestamp of " + i);
        }
        assertEquals(org.apache.kafka.common.record.TimestampType.CREATE_TIME, r.timestampType());
        List<Header> expected = RecordPattern.headers(i);
        org.apache.kafka.common.header.Header[] actual = r.headers().toArray();
        assertEquals(expected.size(), actual.length);
        for (int h = 0; h < actual.length; h++) {
            assertEquals(expected.get(h).key(), actual[h].key());
            assertArrayEquals(expected.get(h).value(), actual[h].value());
        }
    }
}
