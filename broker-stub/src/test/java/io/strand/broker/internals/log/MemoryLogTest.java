package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.strand.common.errors.KafkaStorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.strand.broker.internals.log.TestBatches.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryLogTest extends PartitionLogContractTest {

    // Keeps what the log drops, so that every contract test also runs on reused chunks.
    private final LogMemory memory = new LogMemory(UnpooledByteBufAllocator.DEFAULT, 16L * 1024 * 1024);

    @Override
    protected PartitionLog newLog() {
        return new MemoryLog("topic-0", memory, UnpooledByteBufAllocator.DEFAULT);
    }

    @AfterEach
    void freeMemory() {
        memory.close();
    }

    @Test
    void readsAreZeroCopySlicesThatOutliveDeletion() {
        log.append(batch(3, "z"), 0, -1);
        ByteBuf first = log.read(0, Integer.MAX_VALUE, false);
        ByteBuf second = log.read(0, Integer.MAX_VALUE, false);
        assertSame(first.unwrap(), second.unwrap(), "both reads view the same stored chunk");
        second.release();
        log.deleteRecordsBefore(3);
        assertEquals(0L, first.getLong(0), "the slice still reads the dropped chunk");
        PartitionLogContractTest.assertBases(first, 0);
    }

    @Test
    void chunksGrowUpToTheCap() {
        MemoryLog memory = (MemoryLog) log;
        ByteBuf one = batch(1, "x".repeat(3000));
        for (int i = 0; i < 2000; i++) {
            memory.append(one, 0, -1);
        }
        int largest = 0;
        for (Segment segment : memory.segments) {
            largest = Math.max(largest, ((MemorySegment) segment).capacity());
        }
        assertEquals(MemoryLog.MAX_CHUNK_BYTES, largest);
        assertEquals(MemoryLog.FIRST_CHUNK_BYTES, ((MemorySegment) memory.segments.get(0)).capacity());
    }

    @Test
    void aDroppedChunkIsKeptOnlyOnceItsLastReadIsReleased() {
        log.append(batch(3, "z"), 0, -1);
        ByteBuf read = log.read(0, Integer.MAX_VALUE, false);
        log.deleteRecordsBefore(3);
        assertEquals(0, memory.keptBytes(), "a read slice still holds the dropped chunk");
        read.release();
        assertEquals(MemoryLog.FIRST_CHUNK_BYTES, memory.keptBytes());
    }

    @Test
    void anAppendWithoutDirectMemoryLeftFailsWithAStorageError() {
        LogMemory full = new LogMemory(UnpooledByteBufAllocator.DEFAULT, 0, size -> {
            throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct buffer memory");
        });
        MemoryLog starved = new MemoryLog("starved-0", full, UnpooledByteBufAllocator.DEFAULT);
        try {
            KafkaStorageException e = assertThrows(KafkaStorageException.class,
                () -> starved.append(batch(3, "z"), 0, -1));
            assertTrue(e.getMessage().contains("-XX:MaxDirectMemorySize"), e.getMessage());
        } finally {
            starved.close();
        }
    }
}
