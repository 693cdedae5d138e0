package io.strand.common.record;

import io.strand.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Walks the batches of a buffer by their length fields. Every format starts with
 * {@code offset int64, length int32} and has its magic at byte 16, which picks the batch type.
 * It stops, without error, where the rest of the buffer is shorter than the next batch claims.
 */
final class BatchIterator implements Iterator<MutableRecordBatch> {

    static final int HEADER_SIZE_UP_TO_MAGIC = DefaultRecordBatch.MAGIC_OFFSET + 1;

    private final ByteBuffer buffer;
    private final int maxDecompressedBytes;
    private int position;
    private MutableRecordBatch next;

    BatchIterator(ByteBuffer buffer, int maxDecompressedBytes) {
        this.buffer = buffer;
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = readNext();
        }
        return next != null;
    }

    @Override
    public MutableRecordBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        MutableRecordBatch batch = next;
        next = null;
        return batch;
    }

    private MutableRecordBatch readNext() {
        int remaining = buffer.limit() - position;
        if (remaining < DefaultRecordBatch.LOG_OVERHEAD) {
            return null;
        }
        int length = buffer.getInt(position + DefaultRecordBatch.LENGTH_OFFSET);
        if (length < LegacyRecord.MIN_SIZE_V0) {
            throw corrupt("declares length " + length + ", less than the smallest message ("
                + LegacyRecord.MIN_SIZE_V0 + " bytes)");
        }
        if (length > remaining - DefaultRecordBatch.LOG_OVERHEAD) {
            return null; // a partial batch at the end
        }
        int size = DefaultRecordBatch.LOG_OVERHEAD + length;
        byte magic = buffer.get(position + DefaultRecordBatch.MAGIC_OFFSET);
        ByteBuffer slice = buffer.slice(position, size);
        MutableRecordBatch batch;
        if (magic == RecordBatch.MAGIC_VALUE_V2) {
            if (size < DefaultRecordBatch.RECORD_BATCH_OVERHEAD) {
                throw corrupt("is a v2 batch of " + size + " bytes, less than its "
                    + DefaultRecordBatch.RECORD_BATCH_OVERHEAD + "-byte header");
            }
            batch = new DefaultRecordBatch(slice, maxDecompressedBytes);
        } else if (magic == RecordBatch.MAGIC_VALUE_V0 || magic == RecordBatch.MAGIC_VALUE_V1) {
            batch = new LegacyRecordBatch(slice, maxDecompressedBytes);
        } else {
            throw corrupt("has unknown magic " + magic + " (known: 0, 1, 2)");
        }
        position += size;
        return batch;
    }

    private CorruptRecordException corrupt(String detail) {
        long offset = buffer.getLong(position);
        return new CorruptRecordException("Batch at byte " + position + " (offset " + offset + ") " + detail);
    }
}
