package io.strand.broker.internals.data;

import io.strand.common.protocol.Errors;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Idempotent producer state of one partition, as Kafka's ProducerStateManager keeps it: per
 * producer id the current epoch and the last five batches appended (sequence range and offsets).
 * A batch that repeats one of those is a retry whose first attempt was written: it is answered
 * with the original offsets and not written again. Not thread-safe: the partition's append lock
 * guards it.
 */
final class ProducerStateTable {

    /** Kafka keeps this many batches per producer; clients keep at most five requests in flight. */
    static final int CACHED_BATCHES = 5;

    /** A batch already in the log. */
    record Appended(int firstSequence, int lastSequence, long firstOffset, long lastOffset, long timestamp) {
    }

    private static final class Entry {
        short epoch;
        final ArrayDeque<Appended> batches = new ArrayDeque<>(CACHED_BATCHES);

        int lastSequence() {
            return batches.isEmpty() ? -1 : batches.peekLast().lastSequence();
        }
    }

    /** The verdict on one batch: append it, answer it as the duplicate of {@code original}, or reject it. */
    record Verdict(Errors error, Appended original, String message) {
        static final Verdict APPEND = new Verdict(Errors.NONE, null, null);
    }

    private final Map<Long, Entry> producers = new HashMap<>();

    Verdict check(BatchHeader batch) {
        Entry e = producers.get(batch.producerId());
        if (e == null) {
            // No state (a new producer, or its batches were deleted): any sequence starts it.
            return Verdict.APPEND;
        }
        if (batch.producerEpoch() < e.epoch) {
            return new Verdict(Errors.INVALID_PRODUCER_EPOCH, null, "Epoch " + batch.producerEpoch()
                + " of producer " + batch.producerId() + " is older than its current epoch " + e.epoch);
        }
        if (batch.producerEpoch() > e.epoch) {
            return batch.baseSequence() == 0 || e.batches.isEmpty() ? Verdict.APPEND
                : new Verdict(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, null, "Invalid sequence number for new epoch "
                + batch.producerEpoch() + " of producer " + batch.producerId() + ": " + batch.baseSequence()
                + " (expected 0)");
        }
        for (Appended a : e.batches) {
            if (a.firstSequence() == batch.baseSequence() && a.lastSequence() == batch.lastSequence()) {
                return new Verdict(Errors.NONE, a, null);
            }
        }
        int last = e.lastSequence();
        int expected = last < 0 ? batch.baseSequence() : BatchHeader.sequenceAfter(last, 1);
        if (batch.baseSequence() != expected) {
            return new Verdict(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, null, "Out of order sequence number for producer "
                + batch.producerId() + " at epoch " + e.epoch + ": " + batch.baseSequence() + " (incoming seq. number), "
                + last + " (current end sequence number)");
        }
        return Verdict.APPEND;
    }

    /** Records an appended batch (or one found in the log at start-up). */
    void update(long producerId, short epoch, int firstSequence, int lastSequence, long firstOffset, long lastOffset,
                long timestamp) {
        Entry e = producers.computeIfAbsent(producerId, id -> new Entry());
        if (epoch != e.epoch) {
            e.epoch = epoch;
            e.batches.clear();
        }
        if (e.batches.size() == CACHED_BATCHES) {
            e.batches.pollFirst();
        }
        e.batches.addLast(new Appended(firstSequence, lastSequence, firstOffset, lastOffset, timestamp));
    }

    /** The highest producer id seen, or -1; new ids start above it after a restart. */
    long maxProducerId() {
        long max = -1;
        for (long id : producers.keySet()) {
            max = Math.max(max, id);
        }
        return max;
    }
}
