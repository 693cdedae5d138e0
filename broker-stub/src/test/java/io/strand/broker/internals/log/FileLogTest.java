package io.strand.broker.internals.log;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.strand.common.errors.RecordBatchTooLargeException;
import io.strand.common.record.CompressionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.strand.broker.internals.log.TestBatches.T0;
import static io.strand.broker.internals.log.TestBatches.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on small segments (so that most tests cross several), plus what only files do. */
class FileLogTest extends PartitionLogContractTest {

    static final LogConfig SMALL = new LogConfig(32 * 1024, 512, false);

    @TempDir
    Path dataDir;

    @Override
    protected PartitionLog newLog() throws Exception {
        return FileLog.open(dataDir.resolve("topic-0"), "topic-0", SMALL, ByteBufAllocator.DEFAULT);
    }

    @Test
    void rollsSegmentsNamedByTheirBaseOffset() throws Exception {
        for (int i = 0; i < 100; i++) {
            log.append(batch(CompressionType.NONE, new long[] {T0, T0 + 1}, "x".repeat(1000) + i, -1, (short) -1, -1), 0, -1);
        }
        List<Path> logs;
        try (Stream<Path> files = Files.list(dataDir.resolve("topic-0"))) {
            logs = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        assertTrue(logs.size() >= 6, "segments: " + logs);
        for (Path segment : logs) {
            assertTrue(Files.size(segment) <= SMALL.segmentBytes(), segment + " is larger than segment.bytes");
            long base = Long.parseLong(segment.getFileName().toString().substring(0, 20));
            assertEquals(20 + 4, segment.getFileName().toString().length());
            // The first batch of every segment starts at the offset the file is named after.
            ByteBuf first = log.read(base, 1, true);
            assertEquals(base, first.getLong(0));
            first.release();
            assertTrue(Files.exists(segment.resolveSibling(segment.getFileName().toString().replace(".log", ".index"))));
        }
    }

    @Test
    void rejectsABatchLargerThanASegment() {
        ByteBuf huge = batch(CompressionType.NONE, new long[] {T0}, "y".repeat(SMALL.segmentBytes()), -1, (short) -1, -1);
        PartitionLogContractTest.assertMessage(
            assertThrows(RecordBatchTooLargeException.class, () -> log.append(huge, 0, -1)), "segment.bytes");
        assertEquals(0, log.logEndOffset());
    }
}
