package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.common.InvalidRecordException;
import io.strand.common.errors.CorruptRecordException;
import io.strand.common.errors.OffsetOutOfRangeException;
import io.strand.common.errors.UnknownTopicOrPartitionException;
import io.strand.common.record.CompressionType;
import io.strand.common.record.DefaultRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.strand.broker.internals.log.TestBatches.T0;
import static io.strand.broker.internals.log.TestBatches.apacheBatches;
import static io.strand.broker.internals.log.TestBatches.batch;
import static io.strand.broker.internals.log.TestBatches.bytes;
import static io.strand.broker.internals.log.TestBatches.concat;
import static io.strand.broker.internals.log.TestBatches.string;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every PartitionLog must do, whether it keeps its bytes in memory or in files. */
abstract class PartitionLogContractTest {

    protected PartitionLog log;

    /** A new, empty log; the subclass closes whatever it opens in {@link #closeLog()}. */
    protected abstract PartitionLog newLog() throws Exception;

    @BeforeEach
    void openLog() throws Exception {
        log = newLog();
    }

    @AfterEach
    void closeLog() throws Exception {
        log.close();
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void assignsOffsetsInPlaceAndKeepsEveryBatchValid(CompressionType type) {
        ByteBuf first = batch(type, new long[] {T0, T0 + 1, T0 + 2}, "a", 7L, (short) 1, 0);
        byte[] sent = bytes(first);
        AppendResult r1 = log.append(first, 3, -1);
        assertEquals(new AppendResult(0, 2, -1, 0, 1), r1);
        assertArrayEquals(sent, bytes(first), "the caller's buffer is not modified");

        ByteBuf two = concat(batch(type, new long[] {T0 + 5, T0 + 6}, "b", 7L, (short) 1, 3),
            batch(type, new long[] {T0 + 7}, "c", 7L, (short) 1, 5));
        AppendResult r2 = log.append(two, 3, -1);
        assertEquals(new AppendResult(3, 5, -1, 0, 2), r2);
        assertEquals(6, log.logEndOffset());

        List<RecordBatch> batches = apacheBatches(log.read(0, Integer.MAX_VALUE, false));
        assertEquals(3, batches.size());
        long[] bases = {0, 3, 5};
        String[] tags = {"a", "b", "c"};
        long offset = 0;
        for (int b = 0; b < 3; b++) {
            RecordBatch batch = batches.get(b);
            assertEquals(bases[b], batch.baseOffset());
            assertEquals(3, batch.partitionLeaderEpoch());
            assertEquals(type.name, batch.compressionType().name);
            assertEquals(TimestampType.CREATE_TIME, batch.timestampType());
            assertEquals(7L, batch.producerId());
            int i = 0;
            for (Record record : batch) {
                assertEquals(offset++, record.offset());
                assertEquals("v" + tags[b] + "-" + i++, string(record.value()));
            }
        }
        assertEquals(6, offset);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"NONE", "ZSTD"})
    void logAppendTimeReplacesTimestampsAndTheCrcStillHolds(CompressionType type) {
        long appendTime = T0 + 99_000;
        AppendResult result = log.append(batch(type, new long[] {T0, T0 + 1}, "a", -1, (short) -1, -1), 0, appendTime);
        assertEquals(appendTime, result.logAppendTimeMs());
        RecordBatch batch = apacheBatches(log.read(0, 1 << 20, false)).get(0);
        assertEquals(TimestampType.LOG_APPEND_TIME, batch.timestampType());
        assertEquals(appendTime, batch.maxTimestamp());
        for (Record record : batch) {
            assertEquals(appendTime, record.timestamp());
        }
        assertEquals(new TimestampAndOffset(appendTime, 0, 0), log.offsetForTimestamp(T0 + 50_000));
        assertEquals(new TimestampAndOffset(appendTime, 0, 0), log.maxTimestamp());
    }

    @Test
    void readReturnsWholeBatchesWithinMaxBytes() {
        int[] sizes = new int[4];
        for (int b = 0; b < 4; b++) {
            ByteBuf one = batch(5, "b" + b);
            sizes[b] = one.readableBytes();
            log.append(one, 0, -1);
        }
        assertEquals(20, log.logEndOffset());
        // Budget for two batches and a bit: two batches.
        assertBases(log.read(0, sizes[0] + sizes[1] + sizes[2] - 1, false), 0, 5);
        // Exactly two batches.
        assertBases(log.read(0, sizes[0] + sizes[1], false), 0, 5);
        // An offset inside a batch starts from that batch.
        assertBases(log.read(7, sizes[1], false), 5);
        assertBases(log.read(9, Integer.MAX_VALUE, false), 5, 10, 15);
        // Less than one batch: nothing, unless minOneBatch.
        assertEquals(0, log.read(0, sizes[0] - 1, false).readableBytes());
        assertBases(log.read(0, sizes[0] - 1, true), 0);
        assertBases(log.read(0, 0, true), 0);
        // The log end reads as empty; past it and below the start are out of range.
        assertEquals(0, log.read(20, 100, true).readableBytes());
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(21, 100, true));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(-1, 100, true));
    }

    @Test
    void offsetForTimestampFindsTheFirstRecordAtOrAfterIt() {
        long[][] stamps = {
            {T0 + 10, T0 + 5, T0 + 12},  // max 12: offsets 0-2
            {T0 + 20, T0 + 30, T0 + 25}, // max 30: offsets 3-5
            {T0 + 28, T0 + 40},          // max 40: offsets 6-7
        };
        for (long[] ts : stamps) {
            log.append(batch(CompressionType.LZ4, ts, "t", -1, (short) -1, -1), 4, -1);
        }
        assertEquals(new TimestampAndOffset(T0 + 10, 0, 4), log.offsetForTimestamp(T0));
        assertEquals(new TimestampAndOffset(T0 + 10, 0, 4), log.offsetForTimestamp(T0 + 6));
        assertEquals(new TimestampAndOffset(T0 + 12, 2, 4), log.offsetForTimestamp(T0 + 11));
        // The first batch whose max reaches 26 is the second; in it, 30 at offset 4 is the first >= 26.
        assertEquals(new TimestampAndOffset(T0 + 30, 4, 4), log.offsetForTimestamp(T0 + 26));
        assertEquals(new TimestampAndOffset(T0 + 40, 7, 4), log.offsetForTimestamp(T0 + 31));
        assertNull(log.offsetForTimestamp(T0 + 41));
        assertEquals(new TimestampAndOffset(T0 + 40, 7, 4), log.maxTimestamp());

        log.deleteRecordsBefore(4);
        assertEquals(new TimestampAndOffset(T0 + 30, 4, 4), log.offsetForTimestamp(T0));
        assertEquals(new TimestampAndOffset(T0 + 40, 7, 4), log.maxTimestamp());
    }

    @Test
    void maxTimestampIsTheFirstRecordWithTheLargestTimestamp() {
        log.append(batch(CompressionType.NONE, new long[] {T0 + 3, T0 + 9, T0 + 1}, "a", -1, (short) -1, -1), 0, -1);
        log.append(batch(CompressionType.GZIP, new long[] {T0 + 2, T0 + 9}, "b", -1, (short) -1, -1), 0, -1);
        assertEquals(new TimestampAndOffset(T0 + 9, 1, 0), log.maxTimestamp());
        log.deleteRecordsBefore(2);
        // Offset 1 is gone; the second batch's 9 at offset 4 is now the first with the max.
        assertEquals(new TimestampAndOffset(T0 + 9, 4, 0), log.maxTimestamp());
    }

    @Test
    void emptyLogAnswersNothing() {
        assertNull(log.offsetForTimestamp(0));
        assertNull(log.maxTimestamp());
        assertEquals(EpochEndOffset.UNKNOWN, log.endOffsetForEpoch(0));
        assertEquals(0, log.read(0, 100, true).readableBytes());
        List<BatchInfo> infos = new ArrayList<>();
        log.forEachBatch(infos::add);
        assertTrue(infos.isEmpty());
    }

    @Test
    void deleteRecordsMovesTheStartForwardOnly() {
        for (int b = 0; b < 5; b++) {
            log.append(batch(4, "d" + b), 0, -1);
        }
        assertEquals(6, log.deleteRecordsBefore(6));
        assertEquals(6, log.deleteRecordsBefore(2), "never moves back");
        assertEquals(6, log.logStartOffset());
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(5, 100, true));
        // Offset 6 is in the batch at 4, which is returned whole.
        assertBases(log.read(6, Integer.MAX_VALUE, false), 4, 8, 12, 16);
        assertThrows(OffsetOutOfRangeException.class, () -> log.deleteRecordsBefore(21));
        List<BatchInfo> infos = new ArrayList<>();
        log.forEachBatch(infos::add);
        assertEquals(List.of(4L, 8L, 12L, 16L), infos.stream().map(BatchInfo::baseOffset).toList());

        assertEquals(20, log.deleteRecordsBefore(20));
        assertEquals(0, log.read(20, 100, true).readableBytes());
        assertNull(log.maxTimestamp());
        AppendResult after = log.append(batch(2, "e"), 0, -1);
        assertEquals(new AppendResult(20, 21, -1, 20, 1), after);
        assertBases(log.read(20, 1000, false), 20);
    }

    @Test
    void epochCacheAnswersOffsetForLeaderEpoch() {
        log.append(batch(5, "a"), 1, -1);   // epoch 1: 0-4
        log.append(batch(5, "b"), 1, -1);   // 5-9
        log.append(batch(5, "c"), 3, -1);   // epoch 3: 10-14
        log.append(batch(5, "d"), 6, -1);   // epoch 6: 15-19
        assertEquals(new EpochEndOffset(0, 0), log.endOffsetForEpoch(0), "below every epoch: its own, the first start");
        assertEquals(new EpochEndOffset(1, 10), log.endOffsetForEpoch(1));
        assertEquals(new EpochEndOffset(1, 10), log.endOffsetForEpoch(2));
        assertEquals(new EpochEndOffset(3, 15), log.endOffsetForEpoch(3));
        assertEquals(new EpochEndOffset(3, 15), log.endOffsetForEpoch(5));
        assertEquals(new EpochEndOffset(6, 20), log.endOffsetForEpoch(6));
        assertEquals(EpochEndOffset.UNKNOWN, log.endOffsetForEpoch(7));
        assertEquals(EpochEndOffset.UNKNOWN, log.endOffsetForEpoch(-1));

        log.deleteRecordsBefore(12);
        assertEquals(new EpochEndOffset(3, 15), log.endOffsetForEpoch(3));
        assertEquals(new EpochEndOffset(1, 12), log.endOffsetForEpoch(1), "epoch 3 now starts at the log start");
    }

    @Test
    void forEachBatchReportsProducerFields() {
        log.append(batch(CompressionType.SNAPPY, new long[] {T0, T0 + 1, T0 + 2}, "p", 42L, (short) 3, 10), 0, -1);
        log.append(batch(CompressionType.NONE, new long[] {T0 + 3}, "q", 43L, (short) 0, Integer.MAX_VALUE), 0, -1);
        log.append(batch(CompressionType.NONE, new long[] {T0 + 4, T0 + 5}, "r", 44L, (short) 0, Integer.MAX_VALUE), 0, -1);
        List<BatchInfo> infos = new ArrayList<>();
        log.forEachBatch(infos::add);
        assertEquals(List.of(
            new BatchInfo(0, 2, 42L, (short) 3, 10, 12, T0 + 2, 3),
            new BatchInfo(3, 3, 43L, (short) 0, Integer.MAX_VALUE, Integer.MAX_VALUE, T0 + 3, 1),
            new BatchInfo(4, 5, 44L, (short) 0, Integer.MAX_VALUE, 0, T0 + 5, 2)), infos);
    }

    @Test
    void malformedInputIsRejectedAndLeavesTheLogUnchanged() {
        log.append(batch(3, "ok"), 0, -1);
        byte[] before = bytes(log.read(0, Integer.MAX_VALUE, false));

        ByteBuf badMagic = batch(2, "m");
        badMagic.setByte(DefaultRecordBatch.MAGIC_OFFSET, 3);
        assertMessage(assertThrows(CorruptRecordException.class, () -> log.append(badMagic, 0, -1)), "magic 3");
        ByteBuf legacy = batch(2, "m");
        legacy.setByte(DefaultRecordBatch.MAGIC_OFFSET, 1);
        assertMessage(assertThrows(InvalidRecordException.class, () -> log.append(legacy, 0, -1)), "magic 1");

        ByteBuf badCrc = batch(2, "c");
        badCrc.setByte(badCrc.writerIndex() - 1, badCrc.getByte(badCrc.writerIndex() - 1) ^ 0x40);
        assertMessage(assertThrows(CorruptRecordException.class, () -> log.append(badCrc, 0, -1)), "CRC");

        ByteBuf pastEnd = batch(2, "l");
        pastEnd.setInt(DefaultRecordBatch.LENGTH_OFFSET, pastEnd.readableBytes());
        assertMessage(assertThrows(CorruptRecordException.class, () -> log.append(pastEnd, 0, -1)), "batchLength");

        ByteBuf tooShort = batch(2, "s");
        tooShort.setInt(DefaultRecordBatch.LENGTH_OFFSET, 10);
        assertMessage(assertThrows(CorruptRecordException.class, () -> log.append(tooShort, 0, -1)), "less than");

        assertMessage(assertThrows(InvalidRecordException.class, () -> log.append(Unpooled.EMPTY_BUFFER, 0, -1)),
            "no record batch");
        ByteBuf truncatedHeader = Unpooled.wrappedBuffer(Arrays.copyOf(bytes(batch(1, "h")), 40));
        assertMessage(assertThrows(CorruptRecordException.class, () -> log.append(truncatedHeader, 0, -1)), "40 bytes");

        ByteBuf countMismatch = batch(3, "n");
        countMismatch.setInt(DefaultRecordBatch.LAST_OFFSET_DELTA_OFFSET, 5); // outside the CRC? no: inside, so fix it
        fixCrc(countMismatch);
        assertMessage(assertThrows(InvalidRecordException.class, () -> log.append(countMismatch, 0, -1)),
            "lastOffsetDelta 5");

        // A good batch followed by a bad one: neither is stored.
        ByteBuf secondBad = concat(batch(2, "g"), badCrc);
        assertMessage(assertThrows(CorruptRecordException.class, () -> log.append(secondBad, 0, -1)), "Batch 1");
        // A good batch followed by stray bytes.
        ByteBuf trailing = concat(batch(2, "g"), Unpooled.wrappedBuffer(new byte[5]));
        assertThrows(CorruptRecordException.class, () -> log.append(trailing, 0, -1));

        assertEquals(3, log.logEndOffset());
        assertArrayEquals(before, bytes(log.read(0, Integer.MAX_VALUE, false)));
        assertEquals(new AppendResult(3, 4, -1, 0, 1), log.append(batch(2, "after"), 0, -1));
    }

    @Test
    void readsSpanSegmentsAndChunks() {
        // 60 batches of ~2.2 KiB cross several memory chunks and several small disk segments.
        List<Long> bases = new ArrayList<>();
        for (int b = 0; b < 60; b++) {
            ByteBuf big = TestBatches.batch(CompressionType.NONE, new long[] {T0 + b}, "x".repeat(2200) + b,
                -1, (short) -1, -1);
            bases.add(log.append(big, 0, -1).baseOffset());
        }
        List<RecordBatch> all = apacheBatches(log.read(0, Integer.MAX_VALUE, false));
        assertEquals(bases, all.stream().map(RecordBatch::baseOffset).toList());
        int i = 0;
        for (RecordBatch batch : all) {
            assertEquals("v" + "x".repeat(2200) + i++ + "-0", string(batch.iterator().next().value()));
        }
        // From the middle, limited: whole batches only.
        List<RecordBatch> some = apacheBatches(log.read(31, 10 * 2300, false));
        assertEquals(31, some.get(0).baseOffset());
        assertTrue(some.size() >= 9 && some.size() <= 10, "batches: " + some.size());
    }

    @Test
    void manySmallBatchesAreIndexedByOffset() {
        int n = 50_000;
        ByteBuf one = batch(1, "s");
        for (int i = 0; i < n; i++) {
            log.append(one, 0, -1);
        }
        assertEquals(n, log.logEndOffset());
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            long offset = random.nextInt(n);
            List<RecordBatch> batches = apacheBatches(log.read(offset, 1, true));
            assertEquals(List.of(offset), batches.stream().map(RecordBatch::baseOffset).toList());
        }
        assertEquals(new TimestampAndOffset(T0, 0, 0), log.offsetForTimestamp(T0));
    }

    @Test
    void readersSeeConsistentBatchesWhileAWriterAppends() throws Exception {
        int batches = 2000;
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int i = 0; i < batches; i++) {
                        log.append(batch(1 + i % 3, "w" + i), i / 500, -1);
                    }
                } finally {
                    done.set(true); // readers stop even if the writer fails
                }
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (!done.get() || reads == 0) {
                        long end = log.logEndOffset();
                        long expected = 0;
                        for (RecordBatch batch : apacheBatches(log.read(0, Integer.MAX_VALUE, false))) {
                            assertEquals(expected, batch.baseOffset());
                            expected = batch.lastOffset() + 1;
                        }
                        assertTrue(expected >= end, "read " + expected + " offsets, log end was " + end);
                        reads++;
                    }
                    return reads;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get(60, TimeUnit.SECONDS) > 0);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(new EpochEndOffset(3, log.logEndOffset()), log.endOffsetForEpoch(3));
    }

    @Test
    void closedLogRefusesWork() {
        log.append(batch(1, "c"), 0, -1);
        log.close();
        assertThrows(UnknownTopicOrPartitionException.class, () -> log.append(batch(1, "d"), 0, -1));
        assertThrows(UnknownTopicOrPartitionException.class, () -> log.read(0, 100, true));
        log.close(); // idempotent
    }

    static void assertBases(ByteBuf read, long... expected) {
        List<RecordBatch> batches = apacheBatches(read);
        assertEquals(Arrays.stream(expected).boxed().toList(), batches.stream().map(RecordBatch::baseOffset).toList());
    }

    static void assertMessage(Exception e, String expectedPart) {
        assertTrue(e.getMessage().contains(expectedPart), "message '" + e.getMessage() + "' lacks '" + expectedPart + "'");
    }

    static void fixCrc(ByteBuf batch) {
        int size = batch.readableBytes();
        batch.setInt(DefaultRecordBatch.CRC_OFFSET, (int) io.strand.common.utils.Crc32C.compute(batch,
            DefaultRecordBatch.ATTRIBUTES_OFFSET, size - DefaultRecordBatch.ATTRIBUTES_OFFSET));
    }
}
