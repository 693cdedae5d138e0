package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;
import io.strand.common.InvalidRecordException;
import io.strand.common.errors.CorruptRecordException;
import io.strand.common.errors.RecordBatchTooLargeException;
import io.strand.common.record.CompressionType;
import io.strand.common.record.DefaultRecordBatch;
import io.strand.common.record.RecordBatch;
import io.strand.common.utils.Crc32C;

/**
 * Checks produced batches before anything is stored, reading the caller's buffer in place (no
 * copy, no object per batch). What it checks is what the log itself relies on: whole v2 batches
 * laid end to end, each with an intact CRC-32C and a record count that matches its offset delta.
 * Records are not decompressed: the broker never re-encodes, and consumers check them anyway.
 */
final class BatchValidator {

    private static final int MAX_CODEC_ID = CompressionType.ZSTD.id;

    private BatchValidator() {
    }

    /**
     * @param maxBatchSize the largest batch the log can store (segment.bytes on disk)
     * @return how many batches {@code records}' readable bytes hold
     */
    static int validate(ByteBuf records, String partition, int maxBatchSize) {
        int start = records.readerIndex();
        int end = records.writerIndex();
        if (start == end) {
            throw new InvalidRecordException("Produce to " + partition + " carries no record batch (0 bytes of records)");
        }
        String context = "of the records produced to " + partition;
        int count = 0;
        for (int pos = start; pos < end; count++) {
            int size = validateBatch(records, pos, end, count, pos - start, context);
            if (size > maxBatchSize) {
                throw new RecordBatchTooLargeException(where(count, pos - start, context) + " is " + size
                    + " bytes, larger than the log's segment.bytes (" + maxBatchSize + ")");
            }
            pos += size;
        }
        return count;
    }

    /**
     * Checks the batch at {@code buf[pos]}, which must end by {@code end}.
     *
     * @param n        the batch's number, for messages
     * @param relative the batch's byte position as the reader knows it, for messages
     * @param context  where the batch came from, for messages ("of the records produced to t-0")
     * @return the batch's size
     */
    static int validateBatch(ByteBuf buf, int pos, int end, int n, int relative, String context) {
        int remaining = end - pos;
        if (remaining < DefaultRecordBatch.RECORD_BATCH_OVERHEAD) {
            throw new CorruptRecordException(where(n, relative, context) + " has only " + remaining
                + " bytes, less than the " + DefaultRecordBatch.RECORD_BATCH_OVERHEAD + "-byte v2 batch header");
        }
        int length = buf.getInt(pos + DefaultRecordBatch.LENGTH_OFFSET);
        int size = DefaultRecordBatch.LOG_OVERHEAD + length;
        if (length < DefaultRecordBatch.RECORD_BATCH_OVERHEAD - DefaultRecordBatch.LOG_OVERHEAD) {
            throw new CorruptRecordException(where(n, relative, context) + " declares batchLength " + length
                + ", less than the " + (DefaultRecordBatch.RECORD_BATCH_OVERHEAD - DefaultRecordBatch.LOG_OVERHEAD)
                + " bytes a v2 header needs after the length field");
        }
        if (length > remaining - DefaultRecordBatch.LOG_OVERHEAD) {
            throw new CorruptRecordException(where(n, relative, context) + " declares batchLength " + length
                + " but only " + (remaining - DefaultRecordBatch.LOG_OVERHEAD) + " bytes follow its length field");
        }
        byte magic = buf.getByte(pos + DefaultRecordBatch.MAGIC_OFFSET);
        if (magic == RecordBatch.MAGIC_VALUE_V0 || magic == RecordBatch.MAGIC_VALUE_V1) {
            throw new InvalidRecordException(where(n, relative, context) + " has magic " + magic
                + "; the broker stores only magic 2 batches (Produce v3 and later)");
        }
        if (magic != RecordBatch.MAGIC_VALUE_V2) {
            throw new CorruptRecordException(where(n, relative, context) + " has unknown magic " + magic);
        }
        long stored = buf.getUnsignedInt(pos + DefaultRecordBatch.CRC_OFFSET);
        long computed = Crc32C.compute(buf, pos + DefaultRecordBatch.ATTRIBUTES_OFFSET,
            size - DefaultRecordBatch.ATTRIBUTES_OFFSET);
        if (stored != computed) {
            throw new CorruptRecordException(where(n, relative, context) + " is corrupt: stored CRC-32C " + stored
                + ", computed " + computed + " over its " + size + " bytes");
        }
        int codec = buf.getShort(pos + DefaultRecordBatch.ATTRIBUTES_OFFSET) & DefaultRecordBatch.COMPRESSION_CODEC_MASK;
        if (codec > MAX_CODEC_ID) {
            throw new CorruptRecordException(where(n, relative, context) + " names unknown compression codec " + codec);
        }
        int recordCount = buf.getInt(pos + DefaultRecordBatch.RECORDS_COUNT_OFFSET);
        int lastOffsetDelta = buf.getInt(pos + DefaultRecordBatch.LAST_OFFSET_DELTA_OFFSET);
        if (recordCount <= 0) {
            throw new InvalidRecordException(where(n, relative, context) + " declares " + recordCount
                + " records; a batch holds at least one");
        }
        if (lastOffsetDelta != recordCount - 1) {
            throw new InvalidRecordException(where(n, relative, context) + " declares " + recordCount
                + " records but lastOffsetDelta " + lastOffsetDelta + " (expected " + (recordCount - 1) + ")");
        }
        return size;
    }

    private static String where(int n, int relative, String context) {
        return "Batch " + n + " (byte " + relative + ") " + context;
    }
}
