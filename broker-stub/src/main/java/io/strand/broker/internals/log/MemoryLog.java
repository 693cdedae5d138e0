package io.strand.broker.internals.log;

import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * A log kept in direct memory only: chunks that start small (many partitions may each hold a few
 * records) and double up to 1 MiB, so that a partition wastes at most half a chunk and large logs
 * use few, large allocations. Gone when the broker stops.
 */
final class MemoryLog extends AbstractLog {

    static final int FIRST_CHUNK_BYTES = 32 * 1024;
    static final int MAX_CHUNK_BYTES = 1024 * 1024;

    MemoryLog(String name, ByteBufAllocator allocator) {
        super(name, allocator);
        restore(List.of(new MemorySegment(0L, allocator, FIRST_CHUNK_BYTES)), 0L, 0L);
    }

    @Override
    protected Segment newSegment(long baseOffset) {
        int previous = ((MemorySegment) active()).capacity();
        return new MemorySegment(baseOffset, allocator, (int) Math.min(MAX_CHUNK_BYTES, 2L * previous));
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
