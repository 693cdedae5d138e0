package io.strand.clients.producer.internals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.strand.clients.producer.BufferExhaustedException;
import io.strand.common.KafkaException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The producer's memory for batches, bounded by {@code buffer.memory}. The bytes themselves come
 * from a pooled Netty allocator (so buffers are recycled without zeroing and without garbage); this
 * class keeps the account of how many bytes batches hold and makes a sender wait, first come first
 * served, for at most {@code max.block.ms} when they would pass the bound.
 *
 * <p>A batch reserves its initial capacity when it is created. A compressed batch's buffer can
 * grow while it closes (the codec needs room for its worst case); the growth is charged with
 * {@link #reserveMore}, which never blocks because the sender thread calls it, and may take the
 * account below zero for a while: senders then wait until enough comes back.
 */
public final class BufferPool {

    private final long totalMemory;
    private final ByteBufAllocator allocator;
    private final ReentrantLock lock = new ReentrantLock();
    /** Threads waiting for memory, oldest first; only the first may take what is freed. */
    private final Deque<Condition> waiters = new ArrayDeque<>();
    private final LongAdder waitTimeNanos = new LongAdder();
    private long available;
    private boolean closed;

    public BufferPool(long totalMemory, ByteBufAllocator allocator) {
        if (totalMemory <= 0) {
            throw new IllegalArgumentException("buffer.memory must be positive, got " + totalMemory);
        }
        this.totalMemory = totalMemory;
        this.available = totalMemory;
        this.allocator = allocator;
    }

    /**
     * A buffer of at least {@code size} bytes, waiting up to {@code maxTimeToBlockMs} for memory.
     *
     * @throws BufferExhaustedException if the memory did not come back in time
     * @throws IllegalArgumentException if {@code size} exceeds the whole pool (callers check first)
     * @throws KafkaException if the pool was closed (the producer is closing)
     */
    public ByteBuf allocate(int size, long maxTimeToBlockMs) throws InterruptedException {
        if (size > totalMemory) {
            throw new IllegalArgumentException("Attempt to allocate " + size + " bytes, but there is a hard limit of "
                + totalMemory + " on memory allocations (buffer.memory).");
        }
        reserve(size, maxTimeToBlockMs);
        try {
            return allocator.heapBuffer(size);
        } catch (Throwable t) {
            release(size);
            throw t;
        }
    }

    private void reserve(int size, long maxTimeToBlockMs) throws InterruptedException {
        lock.lock();
        try {
            checkOpen();
            if (waiters.isEmpty() && available >= size) {
                available -= size;
                return;
            }
            Condition turn = lock.newCondition();
            waiters.addLast(turn);
            long start = System.nanoTime();
            long remaining = TimeUnit.MILLISECONDS.toNanos(maxTimeToBlockMs);
            try {
                while (!closed && (waiters.peekFirst() != turn || available < size)) {
                    if (remaining <= 0) {
                        throw new BufferExhaustedException("Failed to allocate " + size + " bytes within the configured"
                            + " max blocking time " + maxTimeToBlockMs + " ms (max.block.ms). Total memory: "
                            + totalMemory + " bytes (buffer.memory). Available memory: " + Math.max(0, available)
                            + " bytes. Records are being sent faster than the brokers accept them.");
                    }
                    remaining = turn.awaitNanos(remaining);
                }
                checkOpen();
                available -= size;
            } finally {
                waitTimeNanos.add(System.nanoTime() - start);
                waiters.remove(turn);
                signalFirst();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Returns a batch's buffer and the bytes it reserved. */
    public void deallocate(ByteBuf buffer, int reservedBytes) {
        if (buffer != null) {
            buffer.release();
        }
        release(reservedBytes);
    }

    /**
     * A buffer charged to the account at once, even past the limit: for the sender thread, which
     * must not wait for memory that only it can free (splitting a batch the broker refused).
     */
    public ByteBuf allocateWithoutWaiting(int size) {
        reserveMore(size);
        try {
            return allocator.heapBuffer(size);
        } catch (Throwable t) {
            release(size);
            throw t;
        }
    }

    /** Charges bytes a buffer grew by; never blocks. */
    public void reserveMore(int bytes) {
        lock.lock();
        try {
            available -= bytes;
        } finally {
            lock.unlock();
        }
    }

    private void release(int bytes) {
        lock.lock();
        try {
            available += bytes;
            signalFirst();
        } finally {
            lock.unlock();
        }
    }

    private void signalFirst() {
        Condition first = waiters.peekFirst();
        if (first != null) {
            first.signal();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new KafkaException("Producer closed while allocating memory");
        }
    }

    /** Wakes every waiting thread with an exception; later allocations fail at once. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Condition c : waiters) {
                c.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Bytes not held by batches (never negative, although the account may be). */
    public long availableMemory() {
        lock.lock();
        try {
            return Math.max(0, available);
        } finally {
            lock.unlock();
        }
    }

    public long totalMemory() {
        return totalMemory;
    }

    /** Threads waiting for memory now. */
    public int queued() {
        lock.lock();
        try {
            return waiters.size();
        } finally {
            lock.unlock();
        }
    }

    /** Nanoseconds threads have spent waiting for memory, in total. */
    public long waitTimeNanosTotal() {
        return waitTimeNanos.sum();
    }
}
