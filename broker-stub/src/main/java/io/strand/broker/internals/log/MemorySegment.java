package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.Arrays;

/**
 * One chunk of memory that batches are appended into, with a full index of where each batch
 * starts: two primitive arrays, so a batch costs 12 bytes of bookkeeping and no object. Reads
 * are retained slices of the chunk (zero copy); a chunk is freed when the log drops it and the
 * last slice handed out is released.
 */
final class MemorySegment extends Segment {

    private static final int INITIAL_INDEX_CAPACITY = 64;

    private final LogMemory memory;
    private final int chunkCapacity;
    /** Allocated by the first append, at least as large as that batch. */
    private ByteBuf chunk;
    private long[] baseOffsets = new long[INITIAL_INDEX_CAPACITY];
    private int[] positions = new int[INITIAL_INDEX_CAPACITY];
    private int count;
    private long maxTimestamp = NO_TIMESTAMP_SEEN;
    private long offsetOfMaxTimestamp = -1L;

    MemorySegment(long baseOffset, LogMemory memory, int chunkCapacity) {
        super(baseOffset);
        this.memory = memory;
        this.chunkCapacity = chunkCapacity;
    }

    /** The chunk's capacity, or the planned one before the first append. */
    int capacity() {
        return chunk == null ? chunkCapacity : chunk.capacity();
    }

    @Override
    int sizeInBytes() {
        return chunk == null ? 0 : chunk.writerIndex();
    }

    @Override
    boolean canHold(int size, long lastOffset) {
        return chunk == null || chunk.writableBytes() >= size;
    }

    @Override
    void append(ByteBuf src, int index, int size, long baseOffset, int leaderEpoch, long logAppendTimeMs) {
        if (chunk == null) {
            int capacity = Math.max(chunkCapacity, size);
            chunk = memory.allocate(capacity);
        }
        int position = chunk.writerIndex();
        chunk.writeBytes(src, index, size);
        BatchHeaders.stamp(chunk.nioBuffer(position, size), baseOffset, leaderEpoch, logAppendTimeMs);
        if (count == positions.length) {
            baseOffsets = Arrays.copyOf(baseOffsets, count * 2);
            positions = Arrays.copyOf(positions, count * 2);
        }
        baseOffsets[count] = baseOffset;
        positions[count] = position;
        count++;
        long batchMax = BatchHeaders.maxTimestamp(chunk, position);
        if (batchMax > maxTimestamp) {
            maxTimestamp = batchMax;
            offsetOfMaxTimestamp = baseOffset;
        }
    }

    @Override
    int positionOf(long offset) {
        if (count == 0 || offset < baseOffset || offset > BatchHeaders.lastOffset(chunk, positions[count - 1])) {
            return -1;
        }
        return positions[floor(baseOffsets, count, offset)];
    }

    @Override
    ByteBuf read(int position, int maxBytes, boolean minOneBatch) {
        int first = batchAt(position);
        int end = first + 1 == count ? sizeInBytes() : positions[first + 1];
        if (end - position > maxBytes) {
            return minOneBatch ? chunk.retainedSlice(position, end - position) : Unpooled.EMPTY_BUFFER;
        }
        // The last batch boundary within budget: batch i ends where batch i + 1 starts.
        long limit = (long) position + maxBytes;
        if (sizeInBytes() <= limit) {
            end = sizeInBytes();
        } else {
            int lastStart = floor(positions, count, (int) limit);
            end = positions[lastStart];
        }
        return chunk.retainedSlice(position, end - position);
    }

    @Override
    void forEachBatch(int position, BatchVisitor visitor) throws java.io.IOException {
        for (int i = count == 0 ? 0 : batchAt(position); i < count; i++) {
            if (!visitor.visit(chunk, positions[i], positions[i])) {
                return;
            }
        }
    }

    @Override
    long maxTimestamp() {
        return maxTimestamp;
    }

    @Override
    long offsetOfMaxTimestamp() {
        return offsetOfMaxTimestamp;
    }

    @Override
    void flush() {
    }

    @Override
    void close() {
        if (chunk != null) {
            chunk.release();
            chunk = null;
        }
        count = 0;
    }

    @Override
    void delete() {
        close();
    }

    /** The index of the batch starting at {@code position}. */
    private int batchAt(int position) {
        int i = Arrays.binarySearch(positions, 0, count, position);
        if (i < 0) {
            throw new IllegalStateException("No batch starts at position " + position + " of " + this);
        }
        return i;
    }

    /** The index of the last element <= key in the sorted prefix; the first element is <= key. */
    private static int floor(long[] sorted, int size, long key) {
        int i = Arrays.binarySearch(sorted, 0, size, key);
        return i >= 0 ? i : -i - 2;
    }

    private static int floor(int[] sorted, int size, int key) {
        int i = Arrays.binarySearch(sorted, 0, size, key);
        return i >= 0 ? i : -i - 2;
    }
}
