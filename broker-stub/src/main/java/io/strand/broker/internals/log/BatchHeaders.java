package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;
import io.strand.common.record.DefaultRecordBatch;
import io.strand.common.record.MemoryRecords;
import io.strand.common.record.MutableRecordBatch;
import io.strand.common.record.TimestampType;

import java.nio.ByteBuffer;

/**
 * Reads the v2 batch header fields the log needs straight from a buffer index, so walking
 * millions of stored batches creates no object per batch, and stamps the broker's fields into a
 * stored copy through the protocol module's {@link MutableRecordBatch}.
 */
final class BatchHeaders {

    static final int LOG_OVERHEAD = DefaultRecordBatch.LOG_OVERHEAD;
    static final int HEADER_SIZE = DefaultRecordBatch.RECORD_BATCH_OVERHEAD;

    private BatchHeaders() {
    }

    /** The whole batch's size: the length field plus the offset and length fields themselves. */
    static int size(ByteBuf buf, int index) {
        return LOG_OVERHEAD + buf.getInt(index + DefaultRecordBatch.LENGTH_OFFSET);
    }

    static long baseOffset(ByteBuf buf, int index) {
        return buf.getLong(index + DefaultRecordBatch.BASE_OFFSET_OFFSET);
    }

    static int lastOffsetDelta(ByteBuf buf, int index) {
        return buf.getInt(index + DefaultRecordBatch.LAST_OFFSET_DELTA_OFFSET);
    }

    static long lastOffset(ByteBuf buf, int index) {
        return baseOffset(buf, index) + lastOffsetDelta(buf, index);
    }

    static int partitionLeaderEpoch(ByteBuf buf, int index) {
        return buf.getInt(index + DefaultRecordBatch.PARTITION_LEADER_EPOCH_OFFSET);
    }

    static long maxTimestamp(ByteBuf buf, int index) {
        return buf.getLong(index + DefaultRecordBatch.MAX_TIMESTAMP_OFFSET);
    }

    static BatchInfo info(ByteBuf buf, int index) {
        long base = baseOffset(buf, index);
        int delta = lastOffsetDelta(buf, index);
        int baseSequence = buf.getInt(index + DefaultRecordBatch.BASE_SEQUENCE_OFFSET);
        return new BatchInfo(base, base + delta,
            buf.getLong(index + DefaultRecordBatch.PRODUCER_ID_OFFSET),
            buf.getShort(index + DefaultRecordBatch.PRODUCER_EPOCH_OFFSET),
            baseSequence, lastSequence(baseSequence, delta), maxTimestamp(buf, index),
            buf.getInt(index + DefaultRecordBatch.RECORDS_COUNT_OFFSET));
    }

    /** Sequences wrap from Integer.MAX_VALUE to 0, as producers number them; NO_SEQUENCE (-1) stays. */
    static int lastSequence(int baseSequence, int delta) {
        if (baseSequence < 0) {
            return baseSequence;
        }
        long last = (long) baseSequence + delta;
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }

    /**
     * Sets the broker-assigned fields of the one batch in {@code batch} (a view of log-owned memory).
     * Base offset and leader epoch lie outside the CRC; LogAppendTime changes attributes and max
     * timestamp, so the setter recomputes the CRC.
     */
    static void stamp(ByteBuffer batch, long baseOffset, int leaderEpoch, long logAppendTimeMs) {
        MutableRecordBatch view = MemoryRecords.readableRecords(batch).firstBatch();
        view.setBaseOffset(baseOffset);
        view.setPartitionLeaderEpoch(leaderEpoch);
        if (logAppendTimeMs >= 0) {
            view.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, logAppendTimeMs);
        }
    }
}
