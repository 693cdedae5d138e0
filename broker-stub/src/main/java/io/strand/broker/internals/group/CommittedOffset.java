package io.strand.broker.internals.group;

/**
 * One committed position of a group in a partition.
 *
 * @param offset            the next offset the group will consume
 * @param leaderEpoch       the leader epoch of the record before it, or -1
 * @param metadata          the committer's string, never null ("" when it sent none)
 * @param commitTimestampMs when the coordinator accepted the commit
 * @param expireTimestampMs when the offset expires by the committer's own retention (OffsetCommit v2-4), or -1
 */
record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestampMs, long expireTimestampMs) {
}
