package io.strand.broker.internals.log;

/**
 * What a Produce response needs about one append.
 *
 * @param baseOffset      the first offset assigned
 * @param lastOffset      the last offset assigned
 * @param logAppendTimeMs the LogAppendTime stamped into the batches, or -1 for CreateTime
 * @param logStartOffset  the log start offset after the append
 * @param batchCount      how many batches were stored
 */
public record AppendResult(long baseOffset, long lastOffset, long logAppendTimeMs, long logStartOffset, int batchCount) {
}
