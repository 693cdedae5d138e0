package io.strand.common.record;

import io.strand.common.compress.Compression;
import io.strand.common.errors.CorruptRecordException;
import io.strand.common.utils.Crc32C;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.OptionalLong;

/**
 * A view of one record batch v2 (magic 2) in a buffer, reading header fields in place:
 *
 * <pre>
 * baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 | crc uint32 |
 * attributes int16 | lastOffsetDelta int32 | baseTimestamp int64 | maxTimestamp int64 |
 * producerId int64 | producerEpoch int16 | baseSequence int32 | recordCount int32 | records
 * </pre>
 *
 * The CRC-32C covers attributes to the end, so the broker can set the base offset and leader
 * epoch without touching it. Records are decoded by {@link #iterator()}, which decompresses a
 * compressed batch the first time and keeps the result for later iterations.
 */
public final class DefaultRecordBatch implements MutableRecordBatch {

    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int LENGTH_OFFSET = 8;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORDS_COUNT_OFFSET = 57;
    public static final int RECORDS_OFFSET = 61;
    public static final int RECORD_BATCH_OVERHEAD = RECORDS_OFFSET;
    /** baseOffset and batchLength: the bytes before what batchLength counts. */
    public static final int LOG_OVERHEAD = 12;

    public static final int COMPRESSION_CODEC_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_MASK = 0x08;
    public static final int TRANSACTIONAL_FLAG_MASK = 0x10;
    public static final int CONTROL_FLAG_MASK = 0x20;
    public static final int DELETE_HORIZON_FLAG_MASK = 0x40;

    /**
     * The default bound on a batch's decompressed records section. Memory grows only with bytes a
     * codec really produces, so this only stops decompression bombs; raise it (see
     * {@link MemoryRecords#withMaxDecompressedBytes}) for data that compresses more than ~100x.
     */
    public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 128 * 1024 * 1024;

    private final ByteBuffer buffer;
    private final int maxDecompressedBytes;
    private ByteBuffer records;

    /** @param buffer exactly one batch, from index 0 to its limit; shared, not copied */
    DefaultRecordBatch(ByteBuffer buffer, int maxDecompressedBytes) {
        this.buffer = buffer;
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    @Override
    public byte magic() {
        return buffer.get(MAGIC_OFFSET);
    }

    @Override
    public long baseOffset() {
        return buffer.getLong(BASE_OFFSET_OFFSET);
    }

    public int lastOffsetDelta() {
        return buffer.getInt(LAST_OFFSET_DELTA_OFFSET);
    }

    @Override
    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    @Override
    public int sizeInBytes() {
        return buffer.limit();
    }

    @Override
    public int partitionLeaderEpoch() {
        return buffer.getInt(PARTITION_LEADER_EPOCH_OFFSET);
    }

    @Override
    public long checksum() {
        return Integer.toUnsignedLong(buffer.getInt(CRC_OFFSET));
    }

    public long computeChecksum() {
        return Crc32C.compute(buffer, ATTRIBUTES_OFFSET, buffer.limit() - ATTRIBUTES_OFFSET);
    }

    @Override
    public boolean isValid() {
        return sizeInBytes() >= RECORD_BATCH_OVERHEAD && checksum() == computeChecksum();
    }

    @Override
    public void ensureValid() {
        if (sizeInBytes() < RECORD_BATCH_OVERHEAD) {
            throw new CorruptRecordException("Record batch at offset " + baseOffset() + " is " + sizeInBytes()
                + " bytes, less than the " + RECORD_BATCH_OVERHEAD + "-byte batch header");
        }
        long computed = computeChecksum();
        if (checksum() != computed) {
            throw new CorruptRecordException("Record batch at offset " + baseOffset() + " is corrupt: stored CRC-32C "
                + checksum() + ", computed " + computed + " (" + sizeInBytes() + " bytes)");
        }
    }

    public short attributes() {
        return buffer.getShort(ATTRIBUTES_OFFSET);
    }

    @Override
    public CompressionType compressionType() {
        int id = attributes() & COMPRESSION_CODEC_MASK;
        try {
            return CompressionType.forId(id);
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("Record batch at offset " + baseOffset() + ": " + e.getMessage());
        }
    }

    @Override
    public TimestampType timestampType() {
        return (attributes() & TIMESTAMP_TYPE_MASK) == 0 ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
    }

    @Override
    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG_MASK) != 0;
    }

    @Override
    public boolean isControlBatch() {
        return (attributes() & CONTROL_FLAG_MASK) != 0;
    }

    public boolean hasDeleteHorizonMs() {
        return (attributes() & DELETE_HORIZON_FLAG_MASK) != 0;
    }

    /** Set by log compaction: until when tombstones and markers in this batch are kept. */
    public OptionalLong deleteHorizonMs() {
        return hasDeleteHorizonMs() ? OptionalLong.of(baseTimestamp()) : OptionalLong.empty();
    }

    public long baseTimestamp() {
        return buffer.getLong(BASE_TIMESTAMP_OFFSET);
    }

    @Override
    public long maxTimestamp() {
        return buffer.getLong(MAX_TIMESTAMP_OFFSET);
    }

    @Override
    public long producerId() {
        return buffer.getLong(PRODUCER_ID_OFFSET);
    }

    @Override
    public short producerEpoch() {
        return buffer.getShort(PRODUCER_EPOCH_OFFSET);
    }

    @Override
    public int baseSequence() {
        return buffer.getInt(BASE_SEQUENCE_OFFSET);
    }

    @Override
    public int lastSequence() {
        return incrementSequence(baseSequence(), lastOffsetDelta());
    }

    /** Sequence numbers wrap from Integer.MAX_VALUE to 0; NO_SEQUENCE stays NO_SEQUENCE. */
    static int incrementSequence(int sequence, int increment) {
        if (sequence == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }

    public int recordCount() {
        return buffer.getInt(RECORDS_COUNT_OFFSET);
    }

    @Override
    public Integer countOrNull() {
        return recordCount();
    }

    /** This batch's bytes: a read-write view sharing memory with the buffer it was read from. */
    public ByteBuffer buffer() {
        return buffer.duplicate();
    }

    @Override
    public void setBaseOffset(long baseOffset) {
        buffer.putLong(BASE_OFFSET_OFFSET, baseOffset);
    }

    @Override
    public void setLastOffset(long lastOffset) {
        setBaseOffset(lastOffset - lastOffsetDelta());
    }

    @Override
    public void setPartitionLeaderEpoch(int epoch) {
        buffer.putInt(PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    @Override
    public void setMaxTimestamp(TimestampType timestampType, long maxTimestamp) {
        if (timestampType == TimestampType.NO_TIMESTAMP_TYPE) {
            throw new IllegalArgumentException("A v2 batch's timestamp type is CreateTime or LogAppendTime");
        }
        if (timestampType == timestampType() && maxTimestamp == maxTimestamp()) {
            return;
        }
        int attributes = attributes() & ~TIMESTAMP_TYPE_MASK;
        if (timestampType == TimestampType.LOG_APPEND_TIME) {
            attributes |= TIMESTAMP_TYPE_MASK;
        }
        buffer.putShort(ATTRIBUTES_OFFSET, (short) attributes);
        buffer.putLong(MAX_TIMESTAMP_OFFSET, maxTimestamp);
        buffer.putInt(CRC_OFFSET, (int) computeChecksum());
    }

    @Override
    public Iterator<Record> iterator() {
        return new DefaultRecordIterator(this, records());
    }

    /** The records section, decompressed on first use. */
    private ByteBuffer records() {
        if (records == null) {
            ByteBuffer section = buffer.duplicate().position(RECORDS_OFFSET);
            CompressionType type = compressionType();
            try {
                records = Compression.decompress(type, section, MAGIC_VALUE_V2, maxDecompressedBytes);
            } catch (CorruptRecordException e) {
                throw new CorruptRecordException("Record batch at offset " + baseOffset() + " (" + type
                    + "): " + e.getMessage(), e);
            }
        }
        return records.duplicate();
    }

    @Override
    public String toString() {
        return "RecordBatch(magic=2, offsets=[" + baseOffset() + ", " + lastOffset() + "], size=" + sizeInBytes()
            + ", count=" + recordCount() + ", compression=" + (attributes() & COMPRESSION_CODEC_MASK)
            + ", timestampType=" + timestampType() + ", crc=" + checksum() + ")";
    }
}
