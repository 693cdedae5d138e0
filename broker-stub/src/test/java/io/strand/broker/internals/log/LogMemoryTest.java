package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.strand.common.errors.KafkaStorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogMemoryTest {

    private static final int MIB = 1024 * 1024;

    private final LogMemory memory = new LogMemory(UnpooledByteBufAllocator.DEFAULT, 3L * MIB);

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void aChunkIsEmptyDirectAndExactlyAsLargeAsAsked() {
        ByteBuf chunk = memory.allocate(MIB);
        try {
            assertTrue(chunk.isDirect());
            assertEquals(0, chunk.readerIndex());
            assertEquals(0, chunk.writerIndex());
            assertEquals(MIB, chunk.capacity());
            assertEquals(MIB, chunk.maxCapacity(), "a log chunk never grows");
        } finally {
            chunk.release();
        }
    }

    @Test
    void aReleasedChunkServesTheNextRequestOfItsSizeUnzeroed() {
        ByteBuf first = memory.allocate(MIB);
        first.writeLong(0x5EED_5EEDL);
        first.release();
        assertEquals(MIB, memory.keptBytes());

        ByteBuf second = memory.allocate(MIB);
        assertEquals(0, memory.keptBytes());
        assertEquals(0, second.writerIndex(), "the reused chunk starts empty");
        assertEquals(0x5EED_5EEDL, second.getLong(0), "the same memory, not zeroed again");
        second.release();
    }

    @Test
    void aChunkOfAnotherSizeIsNotTakenFromTheKeptOnes() {
        memory.allocate(MIB).release();
        ByteBuf half = memory.allocate(MIB / 2);
        assertEquals(MIB, memory.keptBytes());
        assertEquals(MIB / 2, half.capacity());
        half.release();
        assertEquals(MIB + MIB / 2, memory.keptBytes());
    }

    @Test
    void keepsNoMoreThanItsLimitAndFreesTheRest() {
        ByteBuf[] chunks = new ByteBuf[5];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = memory.allocate(MIB);
        }
        for (ByteBuf chunk : chunks) {
            chunk.release();
        }
        assertEquals(3L * MIB, memory.keptBytes());
    }

    @Test
    void sizesOutsideThePowerOfTwoClassesAreFreedNotKept() {
        memory.allocate(MIB + 1).release();
        memory.allocate(2 * MIB).release();
        memory.allocate(LogMemory.MIN_KEPT / 2).release();
        memory.allocate(100_000).release();
        assertEquals(0, memory.keptBytes());
    }

    @Test
    void aSliceKeepsItsChunkOutOfReuseUntilReleased() {
        ByteBuf chunk = memory.allocate(MIB);
        chunk.writeLong(7L);
        ByteBuf slice = chunk.retainedSlice(0, 8);
        chunk.release();
        assertEquals(0, memory.keptBytes());

        ByteBuf other = memory.allocate(MIB);
        other.writeLong(9L);
        assertEquals(7L, slice.getLong(0), "a fresh chunk, not the one the slice reads");
        slice.release();
        assertEquals(MIB, memory.keptBytes());
        other.release();
    }

    @Test
    void afterCloseNothingIsKept() {
        ByteBuf held = memory.allocate(MIB);
        memory.allocate(MIB).release();
        memory.close();
        assertEquals(0, memory.keptBytes());
        held.release();
        assertEquals(0, memory.keptBytes(), "a chunk released after close is freed");
    }

    @Test
    void refusesANegativeLimit() {
        assertThrows(IllegalArgumentException.class, () -> new LogMemory(UnpooledByteBufAllocator.DEFAULT, -1));
    }

    @Test
    void keptChunksAreFreedWhenFreshMemoryRunsOutAndTheAllocationIsTriedAgain() {
        AtomicInteger failuresLeft = new AtomicInteger();
        LogMemory tight = new LogMemory(UnpooledByteBufAllocator.DEFAULT, 3L * MIB, size -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct buffer memory");
            }
            return ByteBuffer.allocateDirect(size);
        });
        try {
            tight.allocate(MIB).release();
            assertEquals(MIB, tight.keptBytes());
            failuresLeft.set(1);
            ByteBuf half = tight.allocate(MIB / 2);
            assertEquals(MIB / 2, half.capacity());
            assertEquals(0, tight.keptBytes(), "the kept 1 MiB made room for it");
            half.release();
        } finally {
            tight.close();
        }
    }

    @Test
    void directMemoryUsedUpIsAStorageErrorNamingTheSetting() {
        LogMemory full = new LogMemory(UnpooledByteBufAllocator.DEFAULT, 3L * MIB, size -> {
            throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct buffer memory");
        });
        KafkaStorageException e = assertThrows(KafkaStorageException.class, () -> full.allocate(MIB));
        assertTrue(e.getMessage().contains("-XX:MaxDirectMemorySize"), e.getMessage());
        assertTrue(e.getMessage().contains("Cannot reserve 1048576 bytes"), e.getMessage());
        assertInstanceOf(OutOfMemoryError.class, e.getCause());
        full.close();
    }
}
