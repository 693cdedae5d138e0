package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;

import java.util.function.Consumer;

/**
 * One partition's log: record batches stored as the bytes the producer sent, with only the
 * broker-assigned header fields (base offset, partition leader epoch, LogAppendTime max timestamp)
 * set in place. Thread-safe: appends and reads may come from different Netty threads; reads run
 * concurrently with each other, appends and deletions one at a time.
 *
 * <p>Offsets are contiguous: each batch's base offset is the previous batch's last offset + 1.
 * With a single replica the log end offset is also the high watermark and the last stable offset.
 */
public interface PartitionLog extends AutoCloseable {

    /**
     * Validates every batch in {@code records} (magic 2, CRC-32C, sane lengths, lastOffsetDelta
     * against the record count), assigns offsets from {@link #logEndOffset()} in place (base offset;
     * partition leader epoch = {@code leaderEpoch}), and, when {@code logAppendTimeMs >= 0}, sets
     * the timestamp type to LogAppendTime and the max timestamp to it. The bytes are copied once
     * into log-owned memory; {@code records} (its readable bytes) is neither modified, retained
     * nor released.
     *
     * <p>Nothing is stored unless every batch is valid.
     *
     * @throws io.strand.common.errors.CorruptRecordException a length, magic or CRC is wrong
     * @throws io.strand.common.InvalidRecordException no batch at all, legacy magic 0/1, or a
     *         record count that disagrees with lastOffsetDelta
     * @throws io.strand.common.errors.RecordBatchTooLargeException a batch larger than segment.bytes (disk logs)
     * @throws io.strand.common.errors.KafkaStorageException the disk write failed
     */
    AppendResult append(ByteBuf records, int leaderEpoch, long logAppendTimeMs);

    /**
     * Whole batches starting with the batch that contains {@code fetchOffset} (which may therefore
     * begin before it), at most {@code maxBytes} in total, but the first batch even if larger when
     * {@code minOneBatch}. Returns a retained buffer over the stored bytes (the caller releases it),
     * or an empty buffer at the log end or when the first batch does not fit.
     *
     * @throws io.strand.common.errors.OffsetOutOfRangeException fetchOffset &lt; logStartOffset or &gt; logEndOffset
     */
    ByteBuf read(long fetchOffset, int maxBytes, boolean minOneBatch);

    long logStartOffset();

    /** The offset the next appended record gets; with one replica also the high watermark. */
    long logEndOffset();

    /**
     * ListOffsets by timestamp: the first batch (in offset order, at or after the log start) whose
     * max timestamp is &gt;= {@code timestamp}, and in it the first record whose timestamp is
     * &gt;= {@code timestamp}; or null when no batch qualifies.
     */
    TimestampAndOffset offsetForTimestamp(long timestamp);

    /** ListOffsets MAX_TIMESTAMP (-3): the record with the largest timestamp (the first such), or null if empty. */
    TimestampAndOffset maxTimestamp();

    /**
     * DeleteRecords: moves the log start offset forward to {@code offset} (never back) and drops
     * the storage of whole segments that fall entirely below it.
     *
     * @return the new log start offset
     * @throws io.strand.common.errors.OffsetOutOfRangeException offset &gt; logEndOffset
     */
    long deleteRecordsBefore(long offset);

    /**
     * OffsetForLeaderEpoch: the largest epoch &lt;= {@code leaderEpoch} and the start offset of the
     * next higher epoch, or the log end offset when {@code leaderEpoch} is the latest epoch;
     * {@code (-1, -1)} when the requested epoch is above every known epoch or none is known.
     */
    EpochEndOffset endOffsetForEpoch(int leaderEpoch);

    /**
     * Every stored batch at or after the log start, header only, in offset order; for rebuilding
     * idempotent producer state after a restart. The action runs under the log's read lock: it must
     * not call back into this log's append or deletion.
     */
    void forEachBatch(Consumer<BatchInfo> action);

    /** Releases memory and closes files; further calls fail with UnknownTopicOrPartitionException. */
    @Override
    void close();
}
