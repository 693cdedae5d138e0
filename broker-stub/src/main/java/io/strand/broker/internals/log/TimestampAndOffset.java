package io.strand.broker.internals.log;

/** A ListOffsets answer: a record's timestamp, its offset, and the leader epoch of its batch. */
public record TimestampAndOffset(long timestamp, long offset, int leaderEpoch) {
}
