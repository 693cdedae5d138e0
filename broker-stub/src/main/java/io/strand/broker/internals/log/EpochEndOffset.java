package io.strand.broker.internals.log;

/** An OffsetForLeaderEpoch answer; {@link #UNKNOWN} (-1, -1) when the epoch is not known. */
public record EpochEndOffset(int leaderEpoch, long endOffset) {

    public static final EpochEndOffset UNKNOWN = new EpochEndOffset(-1, -1L);
}
