package io.strand.broker.internals.data;

import io.netty.buffer.ByteBuf;
import io.strand.common.record.DefaultRecordBatch;
import io.strand.common.record.RecordBatch;

/**
 * The producer fields of one v2 batch in a Produce request, read straight from the header bytes
 * before the log validates and stores them. Batches the log will reject (too short, another
 * magic) come out as non-idempotent so that the log's own checks report them.
 */
record BatchHeader(int sizeInBytes, long producerId, short producerEpoch, int baseSequence, int lastOffsetDelta,
                   boolean transactional) {

    /** Kafka's sequences wrap from Integer.MAX_VALUE to 0. */
    int lastSequence() {
        return sequenceAfter(baseSequence, lastOffsetDelta);
    }

    boolean idempotent() {
        return producerId >= 0;
    }

    static int sequenceAfter(int sequence, int delta) {
        long last = (long) sequence + delta;
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }

    /** Reads the batch at {@code index}, or returns null when fewer bytes than a header remain. */
    static BatchHeader at(ByteBuf buf, int index, int end) {
        if (end - index < DefaultRecordBatch.RECORD_BATCH_OVERHEAD) {
            return null;
        }
        int size = DefaultRecordBatch.LOG_OVERHEAD + buf.getInt(index + DefaultRecordBatch.LENGTH_OFFSET);
        if (buf.getByte(index + DefaultRecordBatch.MAGIC_OFFSET) != RecordBatch.MAGIC_VALUE_V2
            || size < DefaultRecordBatch.RECORD_BATCH_OVERHEAD) {
            return new BatchHeader(Math.max(size, 0), -1L, (short) -1, -1, 0, false);
        }
        short attributes = buf.getShort(index + DefaultRecordBatch.ATTRIBUTES_OFFSET);
        return new BatchHeader(size,
            buf.getLong(index + DefaultRecordBatch.PRODUCER_ID_OFFSET),
            buf.getShort(index + DefaultRecordBatch.PRODUCER_EPOCH_OFFSET),
            buf.getInt(index + DefaultRecordBatch.BASE_SEQUENCE_OFFSET),
            buf.getInt(index + DefaultRecordBatch.LAST_OFFSET_DELTA_OFFSET),
            (attributes & DefaultRecordBatch.TRANSACTIONAL_FLAG_MASK) != 0);
    }
}
