package io.strand.broker.internals.log;

import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * A log kept in direct memory only: chunks that start small (many partitions may each hold a few
 * records) and double up to 1 MiB, so that a partition wastes at most half a chunk and large logs
 * use few, large allocations. The chunks come from the broker's {@link LogMemory}, which keeps
 * dropped ones for the next logs. Gone when the broker stops.
 */
final class MemoryLog extends AbstractLog {

    static final int FIRST_CHUNK_BYTES = 32 * 1024;
    static final int MAX_CHUNK_BYTES = 1024 * 1024;

    private final LogMemory memory;

    MemoryLog(String name, LogMemory memory, ByteBufAllocator allocator) {
        super(name, allocator);
        this.memory = memory;
        restore(List.of(new MemorySegment(0L, memory, FIRST_CHUNK_BYTES)), 0L, 0L);
    }

    @Override
    protected Segment newSegment(long baseOffset) {
        int previous = ((MemorySegment) active()).capacity();
        return new MemorySegment(baseOffset, memory, (int) Math.min(MAX_CHUNK_BYTES, 2L * previous));
    }

    @Override
    protected int maxBatchSize() {
        return Integer.MAX_VALUE;
    }

    @Override
    protected void appended(Segment active) {
    }

    @Override
    protected void epochsChanged() {
    }

    @Override
    protected void logStartOffsetChanged(long startOffset) {
    }

    @Override
    protected void closeStorage() {
    }

    @Override
    protected void deleteStorage() {
    }
}
