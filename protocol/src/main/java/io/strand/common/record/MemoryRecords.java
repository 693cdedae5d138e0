package io.strand.common.record;

import io.netty.buffer.ByteBuf;
import io.strand.common.compress.Compression;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Record batches laid end to end in one buffer, as a Produce request carries them, a Fetch
 * response returns them and a log stores them. Iterating never copies the batches: each is a view
 * of this buffer. A batch cut short at the end (Fetch responses end wherever the size limit falls)
 * is not returned and is no error.
 */
public final class MemoryRecords {

    public static final MemoryRecords EMPTY = new MemoryRecords(ByteBuffer.allocate(0),
        DefaultRecordBatch.DEFAULT_MAX_DECOMPRESSED_BYTES);

    private final ByteBuffer buffer;
    private final int maxDecompressedBytes;

    private MemoryRecords(ByteBuffer buffer, int maxDecompressedBytes) {
        this.buffer = buffer;
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    /** The batches in {@code buffer} from its position to its limit; shared, not copied. */
    public static MemoryRecords readableRecords(ByteBuffer buffer) {
        return new MemoryRecords(buffer.slice(), DefaultRecordBatch.DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    /**
     * The batches in {@code buf}'s readable bytes, sharing its memory (a composite buffer of
     * several parts is merged into a copy). The caller keeps {@code buf} alive while reading.
     */
    public static MemoryRecords readableRecords(ByteBuf buf) {
        return readableRecords(buf.nioBuffer());
    }

    public static MemoryRecordsBuilder builder(ByteBuf out, Compression compression, TimestampType timestampType,
                                               long baseOffset) {
        return new MemoryRecordsBuilder(out, compression, timestampType, baseOffset);
    }

    /** The same records, with another bound on how large one batch may decompress. */
    public MemoryRecords withMaxDecompressedBytes(int maxDecompressedBytes) {
        if (maxDecompressedBytes < 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must not be negative, got " + maxDecompressedBytes);
        }
        return new MemoryRecords(buffer, maxDecompressedBytes);
    }

    public int sizeInBytes() {
        return buffer.limit();
    }

    /** A view of all the bytes, complete batches or not. */
    public ByteBuffer buffer() {
        return buffer.duplicate();
    }

    /** The size the first batch declares (offset and length fields included), or null with fewer than 17 bytes. */
    public Integer firstBatchSize() {
        if (buffer.limit() < BatchIterator.HEADER_SIZE_UP_TO_MAGIC) {
            return null;
        }
        return DefaultRecordBatch.LOG_OVERHEAD + buffer.getInt(DefaultRecordBatch.LENGTH_OFFSET);
    }

    public Iterable<MutableRecordBatch> batches() {
        return this::batchIterator;
    }

    public Iterator<MutableRecordBatch> batchIterator() {
        return new BatchIterator(buffer, maxDecompressedBytes);
    }

    /** The first complete batch, or null. */
    public MutableRecordBatch firstBatch() {
        Iterator<MutableRecordBatch> it = batchIterator();
        return it.hasNext() ? it.next() : null;
    }

    /** The records of every batch in order, control records included. */
    public Iterable<Record> records() {
        return () -> new Iterator<Record>() {
            private final Iterator<MutableRecordBatch> batches = batchIterator();
            private Iterator<Record> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && batches.hasNext()) {
                    current = batches.next().iterator();
                }
                return current.hasNext();
            }

            @Override
            public Record next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    @Override
    public String toString() {
        return "MemoryRecords(size=" + sizeInBytes() + ")";
    }
}
