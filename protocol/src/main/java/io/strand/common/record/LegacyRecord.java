package io.strand.common.record;

import io.strand.common.header.Header;

import io.strand.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * One message of a legacy message set (magic 0 or 1), read only:
 * <pre>
 * offset int64 | length int32 | crc uint32 | magic int8 | attributes int8 | [timestamp int64, v1] |
 * keyLength int32 (-1 null) | key | valueLength int32 (-1 null) | value
 * </pre>
 * The CRC-32 covers magic to the end. A message inside a compressed wrapper has its offset and
 * timestamp resolved against the wrapper (see {@link LegacyRecordBatch}).
 */
public final class LegacyRecord implements Record {

    static final int CRC_OFFSET = 12;
    static final int MAGIC_OFFSET = 16;
    static final int ATTRIBUTES_OFFSET = 17;
    static final int TIMESTAMP_OFFSET = 18;
    /** The smallest value of the length field: crc, magic, attributes, key length, value length. */
    static final int MIN_SIZE_V0 = 4 + 1 + 1 + 4 + 4;
    static final int MIN_SIZE_V1 = MIN_SIZE_V0 + 8;
    static final int TIMESTAMP_TYPE_MASK = 0x08;
    static final int COMPRESSION_CODEC_MASK = 0x07;

    private final ByteBuffer buffer;
    private final int start;
    private final int end;
    private final byte magic;
    private final byte attributes;
    private final int keySize;
    private final int valueSize;
    /** Where the key and value bytes start (after their int32 lengths). */
    private final int keyOffset;
    private final int valueOffset;
    private long offset;
    private long timestamp;

    /** Parses the message in {@code buffer} from {@code start} to {@code end} (its offset and length fields included). */
    LegacyRecord(ByteBuffer buffer, int start, int end) {
        this.buffer = buffer;
        this.start = start;
        this.end = end;
        this.offset = buffer.getLong(start);
        this.magic = buffer.get(start + MAGIC_OFFSET);
        if (magic != RecordBatch.MAGIC_VALUE_V0 && magic != RecordBatch.MAGIC_VALUE_V1) {
            throw corrupt("has magic " + magic + ", not 0 or 1");
        }
        int length = end - start - DefaultRecordBatch.LOG_OVERHEAD;
        int minSize = magic == RecordBatch.MAGIC_VALUE_V0 ? MIN_SIZE_V0 : MIN_SIZE_V1;
        if (length < minSize) {
            throw corrupt("is " + length + " bytes, less than the " + minSize + " its fields need");
        }
        this.attributes = buffer.get(start + ATTRIBUTES_OFFSET);
        this.timestamp = magic == RecordBatch.MAGIC_VALUE_V0 ? RecordBatch.NO_TIMESTAMP : buffer.getLong(start + TIMESTAMP_OFFSET);
        int keyAt = start + (magic == RecordBatch.MAGIC_VALUE_V0 ? TIMESTAMP_OFFSET : TIMESTAMP_OFFSET + 8);
        this.keySize = readSize(keyAt, "key", end - keyAt - 8);
        this.keyOffset = keyAt + 4;
        int valueAt = keyOffset + Math.max(0, keySize);
        this.valueSize = readSize(valueAt, "value", end - valueAt - 4);
        this.valueOffset = valueAt + 4;
        int valueEnd = valueOffset + Math.max(0, valueSize);
        if (valueEnd != end) {
            throw corrupt("has " + (end - valueEnd) + " bytes after its value");
        }
    }

    private int readSize(int at, String field, int available) {
        int size = buffer.getInt(at);
        if (size < -1 || size > available) {
            throw corrupt(field + " length " + size + " is outside [-1, " + available + "]");
        }
        return size;
    }

    private CorruptRecordException corrupt(String detail) {
        return new CorruptRecordException("Legacy message at offset " + offset + " (magic " + magic + ") " + detail);
    }

    /** Places a message of a compressed wrapper at its absolute offset and effective timestamp. */
    void resolve(long absoluteOffset, long effectiveTimestamp) {
        this.offset = absoluteOffset;
        this.timestamp = effectiveTimestamp;
    }

    byte magic() {
        return magic;
    }

    /** The offset as written, before {@link #resolve}. */
    long wireOffset() {
        return buffer.getLong(start);
    }

    long wireTimestamp() {
        return magic == RecordBatch.MAGIC_VALUE_V0 ? RecordBatch.NO_TIMESTAMP : buffer.getLong(start + TIMESTAMP_OFFSET);
    }

    int compressionId() {
        return attributes & COMPRESSION_CODEC_MASK;
    }

    TimestampType timestampType() {
        if (magic == RecordBatch.MAGIC_VALUE_V0) {
            return TimestampType.NO_TIMESTAMP_TYPE;
        }
        return (attributes & TIMESTAMP_TYPE_MASK) == 0 ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
    }

    long checksum() {
        return Integer.toUnsignedLong(buffer.getInt(start + CRC_OFFSET));
    }

    long computeChecksum() {
        ByteBuffer range = buffer.duplicate();
        range.limit(end).position(start + MAGIC_OFFSET);
        CRC32 crc = new CRC32();
        crc.update(range);
        return crc.getValue();
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public int sequence() {
        return RecordBatch.NO_SEQUENCE;
    }

    @Override
    public int sizeInBytes() {
        return end - start;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public boolean isValid() {
        return checksum() == computeChecksum();
    }

    @Override
    public void ensureValid() {
        long computed = computeChecksum();
        if (checksum() != computed) {
            throw corrupt("is corrupt: stored CRC-32 " + checksum() + ", computed " + computed);
        }
    }

    @Override
    public int keySize() {
        return keySize;
    }

    @Override
    public ByteBuffer key() {
        return keySize < 0 ? null : buffer.slice(keyOffset, keySize);
    }

    @Override
    public int valueSize() {
        return valueSize;
    }

    @Override
    public ByteBuffer value() {
        return valueSize < 0 ? null : buffer.slice(valueOffset, valueSize);
    }

    @Override
    public Header[] headers() {
        return EMPTY_HEADERS;
    }

    @Override
    public String toString() {
        return "LegacyRecord(magic=" + magic + ", offset=" + offset + ", timestamp=" + timestamp
            + ", key=" + keySize + " bytes, value=" + valueSize + " bytes)";
    }
}
