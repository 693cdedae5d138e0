package io.strand.clients.reliability;

import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerRecord;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A producer's sends numbered 0, 1, 2, ...: send i carries the 8-byte value i to partition
 * {@code i % partitions}. Records when each was made, when and at which offset it was
 * acknowledged, or why it failed.
 */
final class TrackedSends {

    final AtomicLong sent = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final int partitions;
    private final int capacity;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLongArray sentAtNanos;
    private final AtomicLongArray ackedAtNanos;
    private final AtomicLongArray ackedOffset;
    private final AtomicLong slowestNanos = new AtomicLong();

    TrackedSends(int partitions, int capacity) {
        this.partitions = partitions;
        this.capacity = capacity;
        this.sentAtNanos = new AtomicLongArray(capacity);
        this.ackedAtNanos = new AtomicLongArray(capacity);
        this.ackedOffset = new AtomicLongArray(capacity);
    }

    /** Sends the next value; from one thread at a time. */
    void send(KafkaProducer<byte[], byte[]> producer, String topic) {
        int i = (int) sent.get();
        if (i == capacity) {
            throw new AssertionError("more than " + capacity + " records: the run did not end");
        }
        ackedOffset.set(i, -1);
        sentAtNanos.set(i, System.nanoTime());
        sent.incrementAndGet();
        producer.send(new ProducerRecord<>(topic, i % partitions, null, ByteBuffer.allocate(8).putLong(i).array()),
            (md, e) -> {
                long now = System.nanoTime();
                slowestNanos.accumulateAndGet(now - sentAtNanos.get(i), Math::max);
                if (e == null) {
                    ackedAtNanos.set(i, now);
                    ackedOffset.set(i, md.offset());
                    acked.incrementAndGet();
                } else {
                    failures.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
                }
                synchronized (this) {
                    completed.incrementAndGet();
                    notifyAll();
                }
            });
    }

    /** The offset send i was acknowledged at, or -1. */
    long ackedOffset(long i) {
        return ackedOffset.get((int) i);
    }

    /** When send i was acknowledged (System.nanoTime), if it was. */
    long ackedAtNanos(long i) {
        return ackedAtNanos.get((int) i);
    }

    long pending() {
        return sent.get() - completed.get();
    }

    /** The longest time from a send to its callback. */
    long slowestMillis() {
        return slowestNanos.get() / 1_000_000;
    }

    /** Waits until every send has completed, or the time is up. */
    synchronized void awaitAllCompleted(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (pending() > 0 && System.currentTimeMillis() < deadline) {
            wait(100);
        }
    }
}
