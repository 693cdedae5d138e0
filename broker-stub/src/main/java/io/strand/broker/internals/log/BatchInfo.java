package io.strand.broker.internals.log;

/** The header fields of one stored batch that idempotent producer state is rebuilt from. */
public record BatchInfo(long baseOffset, long lastOffset, long producerId, short producerEpoch, int baseSequence,
                        int lastSequence, long maxTimestamp, int recordCount) {
}
