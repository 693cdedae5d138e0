package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;

import java.io.IOException;

/**
 * A run of consecutive batches starting at {@link #baseOffset}: a memory chunk or a segment file
 * with its index. Positions are byte positions inside the segment. Not thread-safe by itself: the
 * owning log calls mutators under its write lock and readers under its read lock.
 */
abstract class Segment {

    /** What {@link #maxTimestamp()} says before any batch with a timestamp is seen. */
    static final long NO_TIMESTAMP_SEEN = Long.MIN_VALUE;

    /** Called for each batch; {@code buf} holds at least the 61-byte header at {@code index}. */
    @FunctionalInterface
    interface BatchVisitor {
        /** @return false to stop the walk */
        boolean visit(ByteBuf buf, int index, int position) throws IOException;
    }

    final long baseOffset;

    Segment(long baseOffset) {
        this.baseOffset = baseOffset;
    }

    abstract int sizeInBytes();

    /** Whether a batch of {@code size} bytes whose last offset is {@code lastOffset} may go in this segment. */
    abstract boolean canHold(int size, long lastOffset);

    /**
     * Copies the validated batch at {@code src[index, index + size)} to the end of the segment and
     * stamps the copy with the broker's fields (see {@link BatchHeaders#stamp}).
     */
    abstract void append(ByteBuf src, int index, int size, long baseOffset, int leaderEpoch, long logAppendTimeMs)
        throws IOException;

    /** The position of the batch holding {@code offset}, or -1 when no batch here holds it. */
    abstract int positionOf(long offset) throws IOException;

    /**
     * Whole batches from {@code position} (a batch start), at most {@code maxBytes} in total, or the
     * first batch whatever its size when {@code minOneBatch}; a retained buffer, possibly empty.
     */
    abstract ByteBuf read(int position, int maxBytes, boolean minOneBatch) throws IOException;

    /** Walks the batches from {@code position} (a batch start) in order. */
    abstract void forEachBatch(int position, BatchVisitor visitor) throws IOException;

    /** The largest batch max timestamp in this segment, or {@link #NO_TIMESTAMP_SEEN}. */
    abstract long maxTimestamp() throws IOException;

    /** The base offset of the first batch carrying {@link #maxTimestamp()}, or -1. */
    abstract long offsetOfMaxTimestamp() throws IOException;

    /** Forces written bytes to the storage device (no-op in memory). */
    abstract void flush() throws IOException;

    /** Releases memory and file handles; retained read buffers stay valid until released. */
    abstract void close();

    /** Closes and removes the segment's files. */
    abstract void delete() throws IOException;

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(baseOffset=" + baseOffset + ", size=" + sizeInBytes() + ")";
    }
}
