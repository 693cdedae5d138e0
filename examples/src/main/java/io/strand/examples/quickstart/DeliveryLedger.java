package io.strand.examples.quickstart;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the quickstart wrote and what it read back, per (partition, offset), so that its figures
 * are checked rather than counted: "received" is the number of distinct (partition, offset)
 * pairs read, a pair read again is a duplicate, an acknowledged pair never read is lost, and a
 * pair whose record is not the one written there is a mismatch. The topic is new, so offsets
 * start at 0 and index arrays directly.
 */
final class DeliveryLedger {

    private final Partition[] partitions;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder failed = new LongAdder();
    // Two records acknowledged at one offset: never expected, but a check that cannot see it proves little.
    private final LongAdder conflictingAcks = new LongAdder();
    private volatile long lastAckNanos;
    private volatile long lastReceiveNanos;

    DeliveryLedger(int partitionCount) {
        partitions = new Partition[partitionCount];
        for (int i = 0; i < partitionCount; i++) {
            partitions[i] = new Partition();
        }
    }

    /** The broker acknowledged record {@code seq} at this partition and offset. */
    void acknowledged(int partition, long offset, long seq) {
        if (partition(partition).put(true, offset, seq)) {
            acknowledged.incrementAndGet();
            lastAckNanos = System.nanoTime();
        } else {
            conflictingAcks.increment();
        }
    }

    /** The producer gave up on a record. */
    void sendFailed() {
        failed.increment();
    }

    /** A consumer read record {@code seq} at this partition and offset. */
    void received(int partition, long offset, long seq) {
        if (partition(partition).put(false, offset, seq)) {
            received.incrementAndGet();
            lastReceiveNanos = System.nanoTime();
        } else {
            duplicates.increment();
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failed() {
        return failed.sum();
    }

    /** Distinct (partition, offset) pairs read. */
    long received() {
        return received.get();
    }

    long duplicates() {
        return duplicates.sum();
    }

    /** {@link System#nanoTime()} of the last new acknowledgement. */
    long lastAckNanos() {
        return lastAckNanos;
    }

    /** {@link System#nanoTime()} of the last record received for the first time. */
    long lastReceiveNanos() {
        return lastReceiveNanos;
    }

    /** Compares what was written with what was read; call once the clients have stopped. */
    Audit audit() {
        long lost = 0;
        long mismatched = 0;
        long unacknowledged = 0;
        for (Partition p : partitions) {
            synchronized (p) {
                int n = Math.max(p.sent.length, p.read.length);
                for (int o = 0; o < n; o++) {
                    long s = o < p.sent.length ? p.sent[o] : 0;
                    long r = o < p.read.length ? p.read[o] : 0;
                    if (s != 0 && r == 0) {
                        lost++;
                    } else if (s == 0 && r != 0) {
                        unacknowledged++;
                    } else if (s != r) {
                        mismatched++;
                    }
                }
            }
        }
        return new Audit(lost, mismatched + conflictingAcks.sum(), unacknowledged);
    }

    /**
     * @param lost           acknowledged records never read
     * @param mismatched     offsets where the record read is not the one acknowledged there, or
     *                       where two records were acknowledged
     * @param unacknowledged records read that no acknowledgement announced (their send failed,
     *                       or timed out after the broker had written them)
     */
    record Audit(long lost, long mismatched, long unacknowledged) {
    }

    private Partition partition(int partition) {
        if (partition < 0 || partition >= partitions.length) {
            throw new IllegalArgumentException("Partition " + partition + " is not one of the topic's "
                + partitions.length);
        }
        return partitions[partition];
    }

    /** Sequence numbers by offset, stored plus one so that 0 means "nothing here". */
    private static final class Partition {
        private long[] sent = new long[0];
        private long[] read = new long[0];

        /** Stores {@code seq} at {@code offset}; false if something was there already. */
        synchronized boolean put(boolean isSent, long offset, long seq) {
            if (offset < 0 || offset >= Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("Offset " + offset + " is out of the quickstart's range");
            }
            int o = (int) offset;
            long[] a = isSent ? sent : read;
            if (o >= a.length) {
                long grown = Math.max(o + 1L, Math.max(1024L, a.length * 2L));
                a = Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 8L, grown));
                if (isSent) {
                    sent = a;
                } else {
                    read = a;
                }
            }
            if (a[o] != 0) {
                return false;
            }
            a[o] = seq + 1;
            return true;
        }
    }
}
