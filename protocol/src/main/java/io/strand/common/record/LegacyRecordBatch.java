package io.strand.common.record;

import io.strand.common.compress.Compression;
import io.strand.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One top-level message of a legacy message set (magic 0 or 1), seen as a batch: an uncompressed
 * message is a batch of itself; a compressed one is a wrapper whose value is a compressed message
 * set. Inner offsets are absolute in magic 0 and, in magic 1, relative: the wrapper carries the
 * offset of the last inner message. In magic 1, a LogAppendTime wrapper's timestamp applies to
 * every inner message. Strand never writes this format, so the setters refuse.
 */
final class LegacyRecordBatch implements MutableRecordBatch {

    private final ByteBuffer buffer;
    private final int maxDecompressedBytes;
    private final LegacyRecord wrapper;
    private ByteBuffer inner;

    LegacyRecordBatch(ByteBuffer buffer, int maxDecompressedBytes) {
        this.buffer = buffer;
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.wrapper = new LegacyRecord(buffer, 0, buffer.limit());
        int codec = wrapper.compressionId();
        if (codec > CompressionType.LZ4.id) {
            throw new CorruptRecordException("Legacy message at offset " + wrapper.offset() + " (magic " + magic()
                + ") has compression id " + codec + "; magic 0 and 1 allow none, gzip, snappy and lz4 (0-3)");
        }
    }

    @Override
    public byte magic() {
        return wrapper.magic();
    }

    @Override
    public long baseOffset() {
        if (compressionType() == CompressionType.NONE) {
            return wrapper.offset();
        }
        return iterator().next().offset();
    }

    @Override
    public long lastOffset() {
        return wrapper.offset();
    }

    @Override
    public long checksum() {
        return wrapper.checksum();
    }

    @Override
    public boolean isValid() {
        return wrapper.isValid();
    }

    @Override
    public void ensureValid() {
        wrapper.ensureValid();
    }

    @Override
    public int sizeInBytes() {
        return buffer.limit();
    }

    @Override
    public CompressionType compressionType() {
        return CompressionType.forId(wrapper.compressionId());
    }

    @Override
    public TimestampType timestampType() {
        return wrapper.timestampType();
    }

    @Override
    public long maxTimestamp() {
        return wrapper.timestamp();
    }

    @Override
    public long producerId() {
        return NO_PRODUCER_ID;
    }

    @Override
    public short producerEpoch() {
        return NO_PRODUCER_EPOCH;
    }

    @Override
    public int baseSequence() {
        return NO_SEQUENCE;
    }

    @Override
    public int lastSequence() {
        return NO_SEQUENCE;
    }

    @Override
    public boolean isTransactional() {
        return false;
    }

    @Override
    public boolean isControlBatch() {
        return false;
    }

    @Override
    public int partitionLeaderEpoch() {
        return NO_PARTITION_LEADER_EPOCH;
    }

    @Override
    public Integer countOrNull() {
        return compressionType() == CompressionType.NONE ? 1 : null;
    }

    @Override
    public Iterator<Record> iterator() {
        if (compressionType() == CompressionType.NONE) {
            return Collections.<Record>singletonList(wrapper).iterator();
        }
        return new InnerIterator(innerMessages());
    }

    private ByteBuffer innerMessages() {
        if (inner == null) {
            ByteBuffer value = wrapper.value();
            if (value == null) {
                throw corrupt("is a compressed wrapper without a value");
            }
            try {
                inner = Compression.decompress(compressionType(), value, magic(), maxDecompressedBytes);
            } catch (CorruptRecordException e) {
                throw new CorruptRecordException("Legacy message at offset " + wrapper.offset() + " ("
                    + compressionType() + "): " + e.getMessage(), e);
            }
        }
        return inner.duplicate();
    }

    private CorruptRecordException corrupt(String detail) {
        return new CorruptRecordException("Legacy message at offset " + wrapper.offset() + " (magic " + magic() + ") " + detail);
    }

    @Override
    public void setBaseOffset(long baseOffset) {
        throw readOnly();
    }

    @Override
    public void setLastOffset(long lastOffset) {
        throw readOnly();
    }

    @Override
    public void setPartitionLeaderEpoch(int epoch) {
        throw readOnly();
    }

    @Override
    public void setMaxTimestamp(TimestampType timestampType, long maxTimestamp) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("Legacy message sets (magic 0 and 1) are read-only; Strand writes magic 2");
    }

    @Override
    public String toString() {
        return "LegacyRecordBatch(magic=" + magic() + ", offset=" + wrapper.offset() + ", size=" + sizeInBytes()
            + ", compression=" + wrapper.compressionId() + ")";
    }

    /** The messages of a compressed wrapper, parsed one per {@link #next()} after one pass over their lengths. */
    private final class InnerIterator implements Iterator<Record> {
        private final ByteBuffer messages;
        private final long offsetBase;
        private int position;

        InnerIterator(ByteBuffer messages) {
            this.messages = messages;
            this.offsetBase = magic() == MAGIC_VALUE_V0 ? 0 : wrapper.offset() - lastInnerOffset(messages);
        }

        /** Checks every inner length fits, and returns the last inner message's offset. */
        private long lastInnerOffset(ByteBuffer messages) {
            long last = -1;
            int count = 0;
            for (int pos = 0; pos < messages.limit(); pos += DefaultRecordBatch.LOG_OVERHEAD + messageLength(pos)) {
                last = messages.getLong(pos);
                count++;
            }
            if (count == 0) {
                throw corrupt("is a compressed wrapper holding no messages");
            }
            return last;
        }

        private int messageLength(int pos) {
            int left = messages.limit() - pos - DefaultRecordBatch.LOG_OVERHEAD;
            if (left < 0) {
                throw corrupt("holds a truncated inner message at byte " + pos);
            }
            int length = messages.getInt(pos + DefaultRecordBatch.LENGTH_OFFSET);
            if (length < LegacyRecord.MIN_SIZE_V0 || length > left) {
                throw corrupt("holds an inner message at byte " + pos + " of length " + length
                    + ", outside [" + LegacyRecord.MIN_SIZE_V0 + ", " + left + "]");
            }
            return length;
        }

        @Override
        public boolean hasNext() {
            return position < messages.limit();
        }

        @Override
        public Record next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int end = position + DefaultRecordBatch.LOG_OVERHEAD + messages.getInt(position + DefaultRecordBatch.LENGTH_OFFSET);
            LegacyRecord record = new LegacyRecord(messages, position, end);
            if (record.magic() != magic()) {
                throw corrupt("holds an inner message of magic " + record.magic() + " at byte " + position);
            }
            if (record.compressionId() != CompressionType.NONE.id) {
                throw corrupt("holds a compressed inner message at byte " + position + "; nesting is not allowed");
            }
            boolean appendTime = wrapper.timestampType() == TimestampType.LOG_APPEND_TIME;
            record.resolve(offsetBase + record.wireOffset(), appendTime ? wrapper.timestamp() : record.wireTimestamp());
            position = end;
            return record;
        }
    }
}
