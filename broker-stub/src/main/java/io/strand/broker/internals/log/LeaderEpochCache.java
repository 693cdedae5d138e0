package io.strand.broker.internals.log;

import java.util.Arrays;

/**
 * Which leader epoch started at which offset, in increasing order of both: what
 * OffsetForLeaderEpoch answers from. Entries come from appends (the epoch a batch was stamped
 * with) and from recovery; truncation at either end keeps them within the log. Not thread-safe:
 * the log guards it.
 */
final class LeaderEpochCache {

    private int[] epochs = new int[4];
    private long[] startOffsets = new long[4];
    private int size;

    int size() {
        return size;
    }

    int epoch(int i) {
        return epochs[i];
    }

    long startOffset(int i) {
        return startOffsets[i];
    }

    int latestEpoch() {
        return size == 0 ? -1 : epochs[size - 1];
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset} if it is newer than the latest known
     * epoch. An older or equal epoch changes nothing (a single-replica log never sees a lower one).
     *
     * @return whether an entry was added
     */
    boolean assign(int epoch, long startOffset) {
        if (epoch < 0 || epoch <= latestEpoch()) {
            return false;
        }
        if (size == epochs.length) {
            epochs = Arrays.copyOf(epochs, size * 2);
            startOffsets = Arrays.copyOf(startOffsets, size * 2);
        }
        epochs[size] = epoch;
        startOffsets[size] = startOffset;
        size++;
        return true;
    }

    /** Same answers as Kafka's LeaderEpochFileCache.endOffsetFor. */
    EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
        if (requestedEpoch < 0 || size == 0) {
            return EpochEndOffset.UNKNOWN;
        }
        if (requestedEpoch == latestEpoch()) {
            return new EpochEndOffset(requestedEpoch, logEndOffset);
        }
        int higher = 0;
        while (higher < size && epochs[higher] <= requestedEpoch) {
            higher++;
        }
        if (higher == size) {
            return EpochEndOffset.UNKNOWN; // above every known epoch
        }
        if (higher == 0) {
            return new EpochEndOffset(requestedEpoch, startOffsets[0]); // below every known epoch
        }
        return new EpochEndOffset(epochs[higher - 1], startOffsets[higher]);
    }

    /** Drops epochs that start at or after {@code endOffset} (the log was truncated there). @return whether anything changed */
    boolean truncateFromEnd(long endOffset) {
        int before = size;
        while (size > 0 && startOffsets[size - 1] >= endOffset) {
            size--;
        }
        return size != before;
    }

    /**
     * The log now starts at {@code startOffset}: the epoch in force there starts there, older
     * entries go. @return whether anything changed
     */
    boolean truncateFromStart(long startOffset) {
        int floor = -1;
        while (floor + 1 < size && startOffsets[floor + 1] <= startOffset) {
            floor++;
        }
        if (floor < 0 || (floor == 0 && startOffsets[0] == startOffset)) {
            return false;
        }
        int keep = size - floor;
        System.arraycopy(epochs, floor, epochs, 0, keep);
        System.arraycopy(startOffsets, floor, startOffsets, 0, keep);
        size = keep;
        startOffsets[0] = startOffset;
        return true;
    }

    void clear() {
        size = 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LeaderEpochCache[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(epochs[i]).append('@').append(startOffsets[i]);
        }
        return sb.append(']').toString();
    }
}
