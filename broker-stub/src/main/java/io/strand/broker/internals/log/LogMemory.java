package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.util.internal.PlatformDependent;
import io.strand.common.errors.KafkaStorageException;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The direct memory of in-memory logs. Each chunk is a direct buffer of its own, allocated at
 * the size asked for; when its last reference is released (the log dropped it and every read
 * slice is gone), a chunk of a power-of-two size from {@link #MIN_KEPT} to {@link #MAX_KEPT}
 * is kept for the next log that asks for that size, up to {@code retainBytes} in all. The rest
 * is freed at once, on the releasing thread.
 *
 * <p>Why not Netty's default allocator: it carves 1 MiB buffers out of 8 MiB chunks. A fresh
 * chunk is zeroed all at once on the thread that asked, which is an event loop in the middle of
 * a Produce, and every other connection of that event loop waits; the chunks a deleted topic
 * gave back are freed later, inside some other connection's allocation. On the 2-core build
 * machine one such zeroing or free took 12 to 68 ms (docs/PERFORMANCE.md). Here a fresh chunk
 * costs at most its own size, and a deleted topic's memory serves the next topics without being
 * zeroed or freed. A kept chunk is not zeroed for its next log either: reads never go past what
 * that log appended.
 */
final class LogMemory implements AutoCloseable {

    static final int MIN_KEPT = MemoryLog.FIRST_CHUNK_BYTES;
    static final int MAX_KEPT = MemoryLog.MAX_CHUNK_BYTES;
    private static final int FIRST_CLASS = Integer.numberOfTrailingZeros(MIN_KEPT);

    private final ByteBufAllocator alloc;
    private final long retainBytes;
    private final IntFunction<ByteBuffer> fresh;
    /** Kept chunks by size class: index 0 holds MIN_KEPT bytes each, every next one twice as many. */
    private final ArrayDeque<ByteBuffer>[] kept;
    private long keptBytes;
    private boolean closed;

    /**
     * @param alloc       what the chunks report as their allocator (for copies made from them)
     * @param retainBytes how much memory of released chunks to keep for reuse
     */
    LogMemory(ByteBufAllocator alloc, long retainBytes) {
        this(alloc, retainBytes, ByteBuffer::allocateDirect);
    }

    /** @param fresh allocates direct memory the JVM has not handed out yet (tests make it fail) */
    @SuppressWarnings("unchecked")
    LogMemory(ByteBufAllocator alloc, long retainBytes, IntFunction<ByteBuffer> fresh) {
        if (retainBytes < 0) {
            throw new IllegalArgumentException("retainBytes must be at least 0, not " + retainBytes);
        }
        this.alloc = alloc;
        this.retainBytes = retainBytes;
        this.fresh = fresh;
        this.kept = new ArrayDeque[Integer.numberOfTrailingZeros(MAX_KEPT) - FIRST_CLASS + 1];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new ArrayDeque<>();
        }
    }

    /**
     * What a broker keeps of dropped logs by default: a quarter of the JVM's direct memory limit
     * (-XX:MaxDirectMemorySize, else the heap's maximum). Enough for the next topics of a test
     * or a benchmark to reuse most of what the last one used, while three quarters stay free
     * for everything else in the JVM.
     */
    static long defaultRetainBytes() {
        return PlatformDependent.estimateMaxDirectMemory() / 4;
    }

    /**
     * An empty chunk of exactly {@code capacity} bytes (it never grows), released to give it back.
     *
     * @throws KafkaStorageException the JVM's direct memory is used up, even with nothing kept
     */
    ByteBuf allocate(int capacity) {
        ByteBuffer memory = takeKept(capacity);
        return new Chunk(this, memory != null ? memory : allocateFresh(capacity));
    }

    private ByteBuffer allocateFresh(int capacity) {
        OutOfMemoryError failure;
        try {
            return fresh.apply(capacity);
        } catch (OutOfMemoryError e) {
            failure = e;
        }
        // Chunks kept for other sizes may be what fills the limit: they must never cost an append.
        if (freeKept() > 0) {
            try {
                return fresh.apply(capacity);
            } catch (OutOfMemoryError e) {
                failure = e;
            }
        }
        throw new KafkaStorageException("No direct memory left for another " + capacity + " bytes of in-memory log ("
            + failure.getMessage() + "): raise -XX:MaxDirectMemorySize (about "
            + PlatformDependent.estimateMaxDirectMemory() / (1024 * 1024) + " MiB now), delete topics, or give the "
            + "broker a data directory", failure);
    }

    /** Bytes of released chunks held for reuse. */
    synchronized long keptBytes() {
        return keptBytes;
    }

    /** Frees the kept chunks; chunks released from now on are freed, not kept. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        freeKept();
    }

    /** Frees every kept chunk; returns how many bytes that was. */
    private long freeKept() {
        List<ByteBuffer> doomed = new ArrayList<>();
        long bytes;
        synchronized (this) {
            bytes = keptBytes;
            keptBytes = 0;
            for (ArrayDeque<ByteBuffer> sizeClass : kept) {
                doomed.addAll(sizeClass);
                sizeClass.clear();
            }
        }
        doomed.forEach(PlatformDependent::freeDirectBuffer);
        return bytes;
    }

    private synchronized ByteBuffer takeKept(int capacity) {
        int c = sizeClass(capacity);
        if (c < 0) {
            return null;
        }
        ByteBuffer b = kept[c].poll();
        if (b != null) {
            keptBytes -= capacity;
            b.clear();
        }
        return b;
    }

    private void release(ByteBuffer memory) {
        int c = sizeClass(memory.capacity());
        synchronized (this) {
            if (!closed && c >= 0 && keptBytes + memory.capacity() <= retainBytes) {
                kept[c].push(memory);
                keptBytes += memory.capacity();
                return;
            }
        }
        PlatformDependent.freeDirectBuffer(memory);
    }

    /** The kept-chunk class of a capacity, or -1 for a size that is not kept. */
    private static int sizeClass(int capacity) {
        if (capacity < MIN_KEPT || capacity > MAX_KEPT || Integer.bitCount(capacity) != 1) {
            return -1;
        }
        return Integer.numberOfTrailingZeros(capacity) - FIRST_CLASS;
    }

    /** A chunk that goes back to its LogMemory, instead of being freed, when its last reference is released. */
    private static final class Chunk extends UnpooledDirectByteBuf {
        private final LogMemory owner;
        private final ByteBuffer memory;

        Chunk(LogMemory owner, ByteBuffer memory) {
            // Wrapping: Netty neither frees the memory nor copies it; it starts out as all written.
            super(owner.alloc, memory, memory.capacity());
            this.owner = owner;
            this.memory = memory;
            clear();
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            owner.release(memory);
        }
    }
}
