package io.strand.clients.consumer.internals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.common.IsolationLevel;
import io.strand.common.KafkaException;
import io.strand.common.TopicPartition;
import io.strand.common.errors.RecordDeserializationException;
import io.strand.common.header.Headers;
import io.strand.common.serialization.ByteArrayDeserializer;
import io.strand.common.serialization.Deserializer;
import io.strand.common.serialization.StringDeserializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.ControlRecordType;
import org.apache.kafka.common.record.EndTransactionMarker;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Fetch-response partition data written by Apache's record builders, read back through CompletedFetch. */
class CompletedFetchTest {

    private static final TopicPartition TP = new TopicPartition("topic", 3);
    private static final ByteArrayDeserializer BYTES = new ByteArrayDeserializer();
    private static final Deserializers<byte[], byte[]> BOTH = new Deserializers<>(BYTES, BYTES);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Batches of {@code perBatch} records from {@code base}, each record with key k&lt;i&gt;, value v&lt;i&gt; and (v2) a header. */
    private static ByteBuffer batches(byte magic, CompressionType codec, long base, int count, int perBatch) {
        ByteBuffer out = ByteBuffer.allocate(1 << 20);
        for (long start = base; start < base + count; start += perBatch) {
            MemoryRecordsBuilder b = MemoryRecords.builder(out, magic, Compression.of(codec).build(),
                TimestampType.CREATE_TIME, start, 1000L, 5);
            for (long o = start; o < Math.min(base + count, start + perBatch); o++) {
                if (magic >= RecordBatch.MAGIC_VALUE_V2) {
                    b.appendWithOffset(o, 1000 + o, o % 5 == 0 ? null : utf8("k" + o), utf8("v" + o),
                        new org.apache.kafka.common.header.Header[] {new RecordHeader("h", utf8("x" + o))});
                } else {
                    b.appendWithOffset(o, 1000 + o, o % 5 == 0 ? null : utf8("k" + o), utf8("v" + o));
                }
            }
            b.close();
        }
        out.flip();
        return out;
    }

    private static ByteBuf buf(ByteBuffer... parts) {
        ByteBuf b = Unpooled.buffer();
        for (ByteBuffer p : parts) {
            b.writeBytes(p.duplicate());
        }
        return b;
    }

    private static CompletedFetch fetch(ByteBuf records, long fetchOffset, IsolationLevel isolation,
                                        List<CompletedFetch.AbortedTransaction> aborted, FetchedRecords owner) {
        return new CompletedFetch(TP, fetchOffset, 0, records, 100, 100, 0, aborted, isolation, true, owner);
    }

    private static <V> List<ConsumerRecord<byte[], V>> readAll(CompletedFetch f, Deserializer<V> values, int chunk) {
        List<ConsumerRecord<byte[], V>> out = new ArrayList<>();
        int guard = 0;
        while (!f.isConsumed() && guard++ < 10_000) {
            f.fetchRecords(new Deserializers<>(BYTES, values), chunk, out);
        }
        return out;
    }

    @Test
    void everyCodecAndMagicReadsBackInOrderBytesEqual() {
        for (CompressionType codec : CompressionType.values()) {
            for (byte magic = 0; magic <= 2; magic++) {
                if (codec == CompressionType.ZSTD && magic < 2) {
                    continue; // zstd needs magic 2
                }
                ByteBuffer data = batches(magic, codec, 0, 53, 10);
                AtomicInteger released = new AtomicInteger();
                FetchedRecords owner = new FetchedRecords(released::incrementAndGet, (bytes, records) -> { });
                CompletedFetch f = fetch(buf(data), 0, IsolationLevel.READ_UNCOMMITTED, null, owner);
                List<ConsumerRecord<byte[], byte[]>> read = readAll(f, BYTES, 7);
                assertEquals(53, read.size(), codec + " magic " + magic);
                for (int i = 0; i < read.size(); i++) {
                    ConsumerRecord<byte[], byte[]> r = read.get(i);
                    assertEquals(i, r.offset());
                    assertEquals(TP.topic(), r.topic());
                    assertEquals(TP.partition(), r.partition());
                    assertArrayEquals(i % 5 == 0 ? null : utf8("k" + i), r.key(), codec + " key " + i);
                    assertArrayEquals(utf8("v" + i), r.value());
                    assertEquals(("v" + i).length(), r.serializedValueSize());
                    assertEquals(i % 5 == 0 ? -1 : ("k" + i).length(), r.serializedKeySize());
                    if (magic > 0) {
                        assertEquals(1000 + i, r.timestamp());
                    }
                    if (magic == 2) {
                        assertArrayEquals(utf8("x" + i), r.headers().lastHeader("h").value());
                        assertEquals(Optional.of(5), r.leaderEpoch());
                    }
                }
                assertEquals(53, f.nextFetchOffset());
                assertEquals(1, released.get(), "the response frame is released once");
            }
        }
    }

    @Test
    void fetchFromTheMiddleOfACompressedBatchSkipsEarlierRecords() {
        CompletedFetch f = fetch(buf(batches((byte) 2, CompressionType.LZ4, 100, 30, 10)), 115,
            IsolationLevel.READ_UNCOMMITTED, null, null);
        List<ConsumerRecord<byte[], byte[]>> read = readAll(f, BYTES, 100);
        assertEquals(15, read.size());
        assertEquals(115, read.get(0).offset());
        assertEquals(130, f.nextFetchOffset());
    }

    @Test
    void maxRecordsIsHonouredAndDecodingIsResumable() {
        CompletedFetch f = fetch(buf(batches((byte) 2, CompressionType.ZSTD, 0, 25, 25)), 0,
            IsolationLevel.READ_UNCOMMITTED, null, null);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        assertEquals(10, f.fetchRecords(BOTH, 10, out));
        assertEquals(10, f.nextFetchOffset());
        assertFalse(f.isConsumed());
        assertEquals(10, f.fetchRecords(BOTH, 10, out));
        assertEquals(5, f.fetchRecords(BOTH, 10, out));
        assertTrue(f.isConsumed());
        assertEquals(25, out.size());
    }

    /** pid 1 aborts offsets 0-2 (marker at 7); pid 2 commits 5-6 (marker at 8); pid 1 commits 9-10 (marker at 11). */
    private static ByteBuf transactionalLog() {
        ByteBuffer aborted = transactional(1, 0, 3);
        ByteBuffer plain = batches((byte) 2, CompressionType.GZIP, 3, 2, 2);
        ByteBuffer committed = transactional(2, 5, 2);
        ByteBuffer abortMarker = MemoryRecords.withEndTransactionMarker(7, 0L, 0, 1L, (short) 0,
            new EndTransactionMarker(ControlRecordType.ABORT, 0)).buffer();
        ByteBuffer commitMarker = MemoryRecords.withEndTransactionMarker(8, 0L, 0, 2L, (short) 0,
            new EndTransactionMarker(ControlRecordType.COMMIT, 0)).buffer();
        ByteBuffer later = transactional(1, 9, 2);
        ByteBuffer laterCommit = MemoryRecords.withEndTransactionMarker(11, 0L, 0, 1L, (short) 0,
            new EndTransactionMarker(ControlRecordType.COMMIT, 0)).buffer();
        return buf(aborted, plain, committed, abortMarker, commitMarker, later, laterCommit);
    }

    private static ByteBuffer transactional(long pid, long base, int count) {
        ByteBuffer out = ByteBuffer.allocate(4096);
        MemoryRecordsBuilder b = MemoryRecords.builder(out, RecordBatch.MAGIC_VALUE_V2, Compression.of(CompressionType.SNAPPY).build(),
            TimestampType.CREATE_TIME, base, 0L, pid, (short) 0, (int) base, true, 0);
        for (long o = base; o < base + count; o++) {
            b.appendWithOffset(o, 0L, null, utf8("v" + o));
        }
        b.close();
        out.flip();
        return out;
    }

    private static List<Long> offsets(List<? extends ConsumerRecord<?, ?>> records) {
        List<Long> out = new ArrayList<>();
        records.forEach(r -> out.add(r.offset()));
        return out;
    }

    @Test
    void readCommittedLeavesOutAbortedTransactionsAndControlBatches() {
        List<CompletedFetch.AbortedTransaction> aborted = List.of(new CompletedFetch.AbortedTransaction(1, 0));
        CompletedFetch committed = fetch(transactionalLog(), 0, IsolationLevel.READ_COMMITTED, aborted, null);
        assertEquals(List.of(3L, 4L, 5L, 6L, 9L, 10L), offsets(readAll(committed, BYTES, 4)));
        assertEquals(12, committed.nextFetchOffset(), "the position passes the final marker");

        CompletedFetch uncommitted = fetch(transactionalLog(), 0, IsolationLevel.READ_UNCOMMITTED, null, null);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 9L, 10L), offsets(readAll(uncommitted, BYTES, 100)));
    }

    @Test
    void onlyControlBatchesStillMoveThePosition() {
        ByteBuf markers = buf(MemoryRecords.withEndTransactionMarker(40, 0L, 0, 1L, (short) 0,
            new EndTransactionMarker(ControlRecordType.COMMIT, 0)).buffer());
        CompletedFetch f = fetch(markers, 40, IsolationLevel.READ_COMMITTED, List.of(), null);
        assertTrue(readAll(f, BYTES, 10).isEmpty());
        assertEquals(41, f.nextFetchOffset());
    }

    @Test
    void aPartialBatchAtTheEndIsNotAnError() {
        ByteBuffer whole = batches((byte) 2, CompressionType.NONE, 0, 20, 10);
        ByteBuffer cut = whole.duplicate().limit(whole.limit() - 7);
        CompletedFetch f = fetch(buf(cut), 0, IsolationLevel.READ_UNCOMMITTED, null, null);
        assertEquals(10, readAll(f, BYTES, 100).size());
        assertEquals(10, f.nextFetchOffset());
    }

    @Test
    void aCorruptBatchFailsAfterTheRecordsBeforeItAndKeepsFailing() {
        ByteBuffer data = batches((byte) 2, CompressionType.NONE, 0, 20, 10);
        ByteBuf b = buf(data);
        int secondBatch = data.getInt(8) + 12;
        b.setByte(secondBatch + 70, b.getByte(secondBatch + 70) ^ 0x55); // inside the second batch's records
        CompletedFetch f = fetch(b, 0, IsolationLevel.READ_UNCOMMITTED, null, null);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        assertEquals(10, f.fetchRecords(BOTH, 100, out));
        KafkaException e = assertThrows(KafkaException.class, () -> f.fetchRecords(BOTH, 100, out));
        assertTrue(e.getMessage().contains("topic-3"), e.getMessage());
        assertSame(e, assertThrows(KafkaException.class, () -> f.fetchRecords(BOTH, 100, out)));
        assertEquals(10, f.nextFetchOffset());
    }

    @Test
    void aRecordThatCannotBeDeserializedStopsThereAndIsRetried() {
        Deserializer<String> failsOnV7 = new Deserializer<>() {
            @Override
            public String deserialize(String topic, byte[] data) {
                String s = new String(data, StandardCharsets.UTF_8);
                if ("v7".equals(s)) {
                    throw new IllegalArgumentException("no sevens");
                }
                return s;
            }
        };
        CompletedFetch f = fetch(buf(batches((byte) 2, CompressionType.SNAPPY, 0, 10, 10)), 0,
            IsolationLevel.READ_UNCOMMITTED, null, null);
        List<ConsumerRecord<byte[], String>> out = new ArrayList<>();
        assertEquals(7, f.fetchRecords(new Deserializers<>(BYTES, failsOnV7), 100, out));
        assertEquals(7, f.nextFetchOffset());
        RecordDeserializationException e = assertThrows(RecordDeserializationException.class,
            () -> f.fetchRecords(new Deserializers<>(BYTES, failsOnV7), 100, out));
        assertEquals(7, e.offset());
        assertEquals(RecordDeserializationException.DeserializationExceptionOrigin.VALUE, e.origin());
        assertEquals(TP, e.topicPartition());
        assertEquals("v7", StandardCharsets.UTF_8.decode(e.valueBuffer()).toString());
        assertEquals(7, f.nextFetchOffset());
        // a deserializer that copes now gets the same record next
        assertEquals(3, f.fetchRecords(new Deserializers<>(BYTES, new StringDeserializer()), 100, out));
        assertEquals(7, out.get(7).offset());
    }

    @Test
    void deserializersThatKeepTheBufferGetACopyNotTheFrame() {
        assertTrue(Deserializers.mayKeepBuffer(new io.strand.common.serialization.ByteBufferDeserializer()));
        assertFalse(Deserializers.mayKeepBuffer(new StringDeserializer()));
        assertFalse(Deserializers.mayKeepBuffer(new ByteArrayDeserializer()), "the default copies into a byte[]");
        ByteBuf frame = buf(batches((byte) 2, CompressionType.NONE, 0, 3, 3));
        CompletedFetch f = fetch(frame, 0, IsolationLevel.READ_UNCOMMITTED, null, null);
        List<ConsumerRecord<byte[], java.nio.ByteBuffer>> out = new ArrayList<>();
        f.fetchRecords(new Deserializers<>(BYTES, new io.strand.common.serialization.ByteBufferDeserializer()), 10, out);
        assertEquals(3, out.size());
        frame.setZero(0, frame.capacity()); // the frame goes back to the pool and is reused
        assertEquals("v1", StandardCharsets.UTF_8.decode(out.get(1).value()).toString());
    }

    @Test
    void deserializersThatTakeArraysGetEachRecordsBytesAndHeaders() {
        assertTrue(Deserializers.wantsArray(new ByteArrayDeserializer()));
        assertFalse(Deserializers.wantsArray(new StringDeserializer()), "reads the buffer itself");
        assertFalse(Deserializers.wantsArray(new io.strand.common.serialization.ByteBufferDeserializer()));
        // Headers-aware, through the array method only: it must still see each record's headers.
        Deserializer<String> tagged = new Deserializer<>() {
            @Override
            public String deserialize(String topic, byte[] data) {
                throw new AssertionError("the headers overload is the one called");
            }

            @Override
            public String deserialize(String topic, Headers headers, byte[] data) {
                return data == null ? null : new String(data, StandardCharsets.UTF_8) + "/"
                    + new String(headers.lastHeader("h").value(), StandardCharsets.UTF_8);
            }
        };
        for (byte magic : new byte[] {RecordBatch.MAGIC_VALUE_V1, RecordBatch.MAGIC_VALUE_V2}) {
            ByteBuffer data = batches(magic, CompressionType.NONE, 0, 6, 3);
            ByteBuf frame = Unpooled.directBuffer(data.remaining()).writeBytes(data); // as the network hands it over
            CompletedFetch f = fetch(frame, 0, IsolationLevel.READ_UNCOMMITTED, null, null);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            assertEquals(6, f.fetchRecords(BOTH, 10, out), "magic " + magic);
            for (int i = 0; i < 6; i++) {
                assertEquals(i % 5 == 0 ? null : "k" + i, out.get(i).key() == null ? null
                    : new String(out.get(i).key(), StandardCharsets.UTF_8), "magic " + magic + " key " + i);
                assertArrayEquals(utf8("v" + i), out.get(i).value(), "magic " + magic + " value " + i);
            }
            if (magic == RecordBatch.MAGIC_VALUE_V2) {
                CompletedFetch g = fetch(buf(batches(magic, CompressionType.NONE, 0, 3, 3)), 0,
                    IsolationLevel.READ_UNCOMMITTED, null, null);
                List<ConsumerRecord<byte[], String>> withHeaders = new ArrayList<>();
                g.fetchRecords(new Deserializers<>(BYTES, tagged), 10, withHeaders);
                assertEquals(List.of("v0/x0", "v1/x1", "v2/x2"), withHeaders.stream().map(ConsumerRecord::value).toList());
            }
            frame.release();
        }
    }

    @Test
    void aResponseReportsItsBytesAndRecordsOnceEveryPartitionIsDone() {
        List<long[]> reported = new ArrayList<>();
        AtomicInteger released = new AtomicInteger();
        FetchedRecords owner = new FetchedRecords(released::incrementAndGet,
            (bytes, records) -> reported.add(new long[] {bytes, records}));
        ByteBuf one = buf(batches(RecordBatch.MAGIC_VALUE_V2, CompressionType.NONE, 0, 4, 2));
        ByteBuf two = buf(batches(RecordBatch.MAGIC_VALUE_V2, CompressionType.NONE, 10, 3, 3));
        long size = one.readableBytes() + two.readableBytes();
        CompletedFetch a = fetch(one, 0, IsolationLevel.READ_UNCOMMITTED, null, owner);
        CompletedFetch b = fetch(two, 10, IsolationLevel.READ_UNCOMMITTED, null, owner);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        assertEquals(4, a.fetchRecords(BOTH, 10, out));
        assertTrue(reported.isEmpty(), "the other partition is still being read");
        assertEquals(2, b.fetchRecords(BOTH, 2, out));
        b.drain(); // a seek gives up the rest: it was fetched, but not handed out
        assertEquals(1, reported.size());
        assertEquals(size, reported.get(0)[0], "bytes: both partitions' data");
        assertEquals(6, reported.get(0)[1], "records: those handed out");
        assertEquals(1, released.get());
    }

    @Test
    void emptyAndNullRecordsAreConsumedAtOnce() {
        AtomicInteger released = new AtomicInteger();
        FetchedRecords owner = new FetchedRecords(released::incrementAndGet, (bytes, records) -> { });
        CompletedFetch a = fetch(null, 5, IsolationLevel.READ_UNCOMMITTED, null, owner);
        CompletedFetch b = fetch(Unpooled.EMPTY_BUFFER, 5, IsolationLevel.READ_UNCOMMITTED, null, owner);
        assertTrue(a.isEmpty());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        assertEquals(0, a.fetchRecords(BOTH, 10, out));
        assertEquals(0, released.get(), "b still holds the frame");
        b.drain();
        b.drain();
        assertEquals(1, released.get());
        assertEquals(5, a.nextFetchOffset());
        assertNull(a.lastEpoch().orElse(null));
    }
}
