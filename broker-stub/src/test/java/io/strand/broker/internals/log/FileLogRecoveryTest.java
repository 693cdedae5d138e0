package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;
import io.strand.common.TopicPartition;
import io.strand.common.errors.KafkaStorageException;
import io.strand.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.strand.broker.internals.log.TestBatches.T0;
import static io.strand.broker.internals.log.TestBatches.apacheBatches;
import static io.strand.broker.internals.log.TestBatches.batch;
import static io.strand.broker.internals.log.TestBatches.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restarts of disk logs: what survives, and how damage at the tail or in an index is repaired. */
class FileLogRecoveryTest {

    private static final TopicPartition TP = new TopicPartition("events", 0);
    private static final LogConfig CONFIG = new LogConfig(16 * 1024, 256, false);

    @TempDir
    Path dataDir;

    private Path partitionDir() {
        return dataDir.resolve("events-0");
    }

    /** 40 batches of 3 records (offsets 0-119), epochs 0 then 2 from offset 60, about 10 segments. */
    private static void fill(PartitionLog log) {
        Random random = new Random(40);
        for (int i = 0; i < 40; i++) {
            long[] ts = {T0 + 3L * i, T0 + 3L * i + 1, T0 + 3L * i + 2};
            CompressionType type = CompressionType.values()[i % CompressionType.values().length];
            StringBuilder noise = new StringBuilder(); // incompressible, so compressed batches are as large
            for (int c = 0; c < 1500; c++) {
                noise.append((char) ('!' + random.nextInt(90)));
            }
            log.append(batch(type, ts, "r" + i + "-" + noise, 9L, (short) 0, 3 * i), i < 20 ? 0 : 2, -1);
        }
    }

    private List<Path> segmentFiles(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(partitionDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void restartKeepsBatchesOffsetsStartAndEpochs() throws Exception {
        byte[] before;
        List<BatchInfo> infosBefore = new ArrayList<>();
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            PartitionLog log = manager.getOrCreate(TP);
            fill(log);
            assertEquals(34, log.deleteRecordsBefore(34));
            before = bytes(log.read(34, Integer.MAX_VALUE, false));
            log.forEachBatch(infosBefore::add);
        }
        assertTrue(segmentFiles(".log").size() >= 5);
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            assertEquals(List.of(TP), List.copyOf(manager.all().keySet()));
            PartitionLog log = manager.get(TP);
            assertEquals(34, log.logStartOffset());
            assertEquals(120, log.logEndOffset());
            assertArrayEquals(before, bytes(log.read(34, Integer.MAX_VALUE, false)));
            List<BatchInfo> infos = new ArrayList<>();
            log.forEachBatch(infos::add);
            assertEquals(infosBefore, infos);
            assertEquals(33, infos.get(0).baseOffset(), "the batch holding the log start is kept whole");
            assertEquals(new EpochEndOffset(0, 60), log.endOffsetForEpoch(0));
            assertEquals(new EpochEndOffset(2, 120), log.endOffsetForEpoch(2));
            assertEquals(new TimestampAndOffset(T0 + 119, 119, 2), log.maxTimestamp());
            assertEquals(new TimestampAndOffset(T0 + 50, 50, 0), log.offsetForTimestamp(T0 + 50));
            assertEquals(120, log.append(batch(2, "after"), 3, -1).baseOffset());
            assertEquals(new EpochEndOffset(2, 122 - 2), log.endOffsetForEpoch(2));
            assertEquals(new EpochEndOffset(3, 122), log.endOffsetForEpoch(3));
        }
        // Segments wholly below the log start were deleted.
        long firstBase = Long.parseLong(segmentFiles(".log").get(0).getFileName().toString().substring(0, 20));
        assertTrue(firstBase <= 33 && firstBase > 0, "first segment " + firstBase);
    }

    /** How the tail of the last segment is damaged. */
    enum Damage { CUT_MID_BATCH, CUT_MID_HEADER, GARBAGE_APPENDED, CRC_AREA_FLIPPED, HUGE_LENGTH_APPENDED, STALE_BATCH_APPENDED }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Damage.class)
    void tornTailIsCutAtTheFirstBadBatch(Damage damage) throws Exception {
        long lastBatchBase;
        int lastBatchSize;
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            PartitionLog log = manager.getOrCreate(TP);
            fill(log);
            List<RecordBatch> all = apacheBatches(log.read(0, Integer.MAX_VALUE, false));
            RecordBatch last = all.get(all.size() - 1);
            lastBatchBase = last.baseOffset();
            lastBatchSize = last.sizeInBytes();
        }
        Path active = segmentFiles(".log").get(segmentFiles(".log").size() - 1);
        long size = Files.size(active);
        long expectedEnd = 120;
        try (FileChannel file = FileChannel.open(active, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            switch (damage) {
                case CUT_MID_BATCH -> {
                    file.truncate(size - lastBatchSize / 2);
                    expectedEnd = lastBatchBase;
                }
                case CUT_MID_HEADER -> {
                    file.truncate(size - lastBatchSize + 20);
                    expectedEnd = lastBatchBase;
                }
                case GARBAGE_APPENDED -> {
                    byte[] garbage = new byte[777];
                    new Random(3).nextBytes(garbage);
                    file.write(ByteBuffer.wrap(garbage), size);
                }
                case CRC_AREA_FLIPPED -> {
                    long at = size - 10; // inside the last batch's records, which its CRC covers
                    ByteBuffer one = ByteBuffer.allocate(1);
                    file.read(one, at);
                    one.flip();
                    file.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x01)}), at);
                    expectedEnd = lastBatchBase;
                }
                case HUGE_LENGTH_APPENDED -> {
                    ByteBuffer header = ByteBuffer.allocate(61);
                    header.putLong(120).putInt(Integer.MAX_VALUE - 20).putInt(2).put((byte) 2).rewind();
                    file.write(header, size);
                }
                case STALE_BATCH_APPENDED -> {
                    // A valid batch whose offsets do not continue the log (say, a rewrite the crash interrupted).
                    ByteBuf stale = batch(2, "stale");
                    file.write(stale.nioBuffer(), size);
                }
                default -> throw new AssertionError(damage);
            }
        }
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            PartitionLog log = manager.get(TP);
            assertEquals(expectedEnd, log.logEndOffset());
            long expected = 0;
            for (RecordBatch batch : apacheBatches(log.read(0, Integer.MAX_VALUE, false))) {
                assertEquals(expected, batch.baseOffset());
                expected = batch.nextOffset();
            }
            assertEquals(expectedEnd, expected);
            AppendResult next = log.append(batch(2, "resumed"), 2, -1);
            assertEquals(expectedEnd, next.baseOffset());
            assertEquals(new EpochEndOffset(2, expectedEnd + 2), log.endOffsetForEpoch(2));
        }
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            assertEquals(expectedEnd + 2, manager.get(TP).logEndOffset(), "a clean restart after repair changes nothing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"odd-size", "past-end", "not-increasing", "missing"})
    void damagedIndexOfAnEarlierSegmentIsRebuilt(String how) throws Exception {
        byte[] before;
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            PartitionLog log = manager.getOrCreate(TP);
            fill(log);
            before = bytes(log.read(0, Integer.MAX_VALUE, false));
        }
        Path index = segmentFiles(".index").get(1);
        byte[] good = Files.readAllBytes(index);
        assertTrue(good.length >= 16, "the index has entries: " + good.length);
        switch (how) {
            case "odd-size" -> Files.write(index, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
            case "past-end" -> Files.write(index, ByteBuffer.allocate(8).putInt(1000).putInt(1 << 30).array(),
                StandardOpenOption.APPEND);
            case "not-increasing" -> Files.write(index, new byte[good.length]);
            case "missing" -> Files.delete(index);
            default -> throw new AssertionError(how);
        }
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            PartitionLog log = manager.get(TP);
            assertEquals(120, log.logEndOffset());
            assertArrayEquals(before, bytes(log.read(0, Integer.MAX_VALUE, false)));
            for (long offset = 0; offset < 120; offset += 7) {
                ByteBuf one = log.read(offset, 1, true);
                long base = one.getLong(0);
                assertTrue(base <= offset && offset < base + 3, offset + " read from batch " + base);
                one.release();
            }
        }
        assertArrayEquals(good, Files.readAllBytes(index), "the rebuilt index equals the one appends wrote");
    }

    @Test
    void damageInsideAnEarlierSegmentDropsEverythingAfterIt() throws Exception {
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            fill(manager.getOrCreate(TP));
        }
        List<Path> logs = segmentFiles(".log");
        Path second = logs.get(1);
        long secondBase = Long.parseLong(second.getFileName().toString().substring(0, 20));
        Files.delete(segmentFiles(".index").get(1)); // so the segment is re-read
        try (FileChannel file = FileChannel.open(second, StandardOpenOption.WRITE)) {
            file.truncate(Files.size(second) - 100);
        }
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            PartitionLog log = manager.get(TP);
            assertTrue(log.logEndOffset() > secondBase && log.logEndOffset() < 120, "end " + log.logEndOffset());
            assertEquals(2, segmentFiles(".log").size());
            assertEquals(log.logEndOffset(), log.append(batch(1, "x"), 2, -1).baseOffset());
            assertEquals(new EpochEndOffset(2, log.logEndOffset()), log.endOffsetForEpoch(2));
        }
    }

    @Test
    void lostOrBrokenCheckpointsAreRebuilt() throws Exception {
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            fill(manager.getOrCreate(TP));
        }
        Files.delete(partitionDir().resolve(FileLog.LEADER_EPOCH_FILE));
        Files.writeString(partitionDir().resolve(FileLog.LOG_START_OFFSET_FILE), "garbage\n");
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            PartitionLog log = manager.get(TP);
            assertEquals(0, log.logStartOffset());
            assertEquals(new EpochEndOffset(0, 60), log.endOffsetForEpoch(0));
            assertEquals(new EpochEndOffset(2, 120), log.endOffsetForEpoch(2));
        }
        assertEquals(List.of("0", "2", "0 0", "2 60"),
            Files.readAllLines(partitionDir().resolve(FileLog.LEADER_EPOCH_FILE)));
    }

    @Test
    void everythingDeletedStillRestartsAtTheEnd() throws Exception {
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            PartitionLog log = manager.getOrCreate(TP);
            fill(log);
            log.deleteRecordsBefore(120);
        }
        assertEquals(1, segmentFiles(".log").size());
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            PartitionLog log = manager.get(TP);
            assertEquals(120, log.logStartOffset());
            assertEquals(120, log.logEndOffset());
            assertNull(log.maxTimestamp());
            assertEquals(120, log.append(batch(1, "x"), 2, -1).baseOffset());
        }
    }

    @Test
    void flushEveryAppendKeepsTheSameData() throws Exception {
        LogConfig durable = CONFIG.withFlushEveryAppend(true);
        try (LogManager manager = LogManager.onDisk(dataDir, durable)) {
            fill(manager.getOrCreate(TP));
        }
        try (LogManager manager = LogManager.onDisk(dataDir, durable)) {
            assertEquals(120, manager.get(TP).logEndOffset());
        }
    }

    @Test
    void deleteTopicRemovesItsFilesOnly() throws Exception {
        TopicPartition other = new TopicPartition("events-archive", 1);
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            fill(manager.getOrCreate(TP));
            manager.getOrCreate(new TopicPartition("events", 1)).append(batch(1, "e1"), 0, -1);
            manager.getOrCreate(other).append(batch(1, "a"), 0, -1);
            manager.delete("events");
            assertFalse(Files.exists(partitionDir()));
            assertFalse(Files.exists(dataDir.resolve("events-1")));
            assertEquals(List.of(other), List.copyOf(manager.all().keySet()));
            assertEquals(0, manager.getOrCreate(TP).logEndOffset(), "a re-created topic starts empty");
        }
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            assertEquals(List.of(TP, other), List.copyOf(manager.all().keySet()));
            assertEquals(0, manager.get(TP).logEndOffset());
            assertEquals(1, manager.get(other).logEndOffset());
        }
    }

    @Test
    void openingCleansLeftoversAndIgnoresStrangers() throws Exception {
        Files.createDirectories(dataDir.resolve("events-3.12345-delete"));
        Files.writeString(dataDir.resolve("events-3.12345-delete").resolve("00000000000000000000.log"), "x");
        Files.createDirectories(dataDir.resolve("not a partition"));
        Files.writeString(dataDir.resolve("events-0"), "a file, not a directory");
        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            assertTrue(manager.all().isEmpty());
        }
        assertFalse(Files.exists(dataDir.resolve("events-3.12345-delete")));
        assertTrue(Files.exists(dataDir.resolve("not a partition")));
    }

    @Test
    void aDataDirectoryServesOneBrokerAtATime() {
        try (LogManager first = LogManager.onDisk(dataDir, CONFIG)) {
            first.getOrCreate(TP);
            KafkaStorageException e = assertThrows(KafkaStorageException.class, () -> LogManager.onDisk(dataDir, CONFIG));
            PartitionLogContractTest.assertMessage(e, "in use");
        }
        try (LogManager again = LogManager.onDisk(dataDir, CONFIG)) {
            assertEquals(1, again.all().size());
        }
    }
}
