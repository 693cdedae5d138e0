package io.strand.common.record;

import io.strand.common.errors.CorruptRecordException;
import io.strand.common.utils.ByteUtils;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Decodes the records of a v2 batch one per {@link #next()}:
 * <pre>
 * length varint | attributes int8 | timestampDelta varlong | offsetDelta varint |
 * keyLength varint (-1 null) | key | valueLength varint (-1 null) | value |
 * headerCount varint | (headerKeyLength varint | key utf8 | headerValueLength varint (-1 null) | value)*
 * </pre>
 * Every length is checked against the bytes left in its record before it is used, each record
 * must end exactly where its length says, and the section must end exactly after the count the
 * batch header declares. Key, value and headers are not copied here; see {@link DefaultRecord}.
 */
final class DefaultRecordIterator implements Iterator<Record> {

    /** attributes, and one byte each for the smallest timestamp delta, offset delta, key, value and header count. */
    static final int MIN_BODY_SIZE = 6;
    private static final int MIN_RECORD_SIZE = 1 + MIN_BODY_SIZE;
    private static final long NOT_SHORT = Long.MIN_VALUE;

    private final ByteBuffer in;
    /** A view with the section's fixed limit, for records to slice after the cursor has moved on. */
    private final ByteBuffer view;
    private final int count;
    private final long baseOffset;
    private final long baseTimestamp;
    /** LogAppendTime batches give every record the batch's max timestamp, whatever the deltas say. */
    private final boolean logAppendTime;
    private final long maxTimestamp;
    private final int baseSequence;
    private final String sectionName;
    private int remaining;
    /** What read() was decoding, for the error message; constants, so tracking it costs nothing. */
    private String field;
    private int header;

    DefaultRecordIterator(DefaultRecordBatch batch, ByteBuffer records) {
        this.in = records;
        this.view = records.duplicate();
        this.count = batch.recordCount();
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        this.logAppendTime = batch.timestampType() == TimestampType.LOG_APPEND_TIME;
        this.maxTimestamp = batch.maxTimestamp();
        this.baseSequence = batch.baseSequence();
        this.sectionName = batch.compressionType() == CompressionType.NONE ? "of the batch" : "of the decompressed records";
        if (count < 0 || (long) count * MIN_RECORD_SIZE > records.remaining()) {
            throw batchError("declares " + count + " records, but its " + records.remaining()
                + " bytes of records hold at most " + records.remaining() / MIN_RECORD_SIZE);
        }
        this.remaining = count;
    }

    @Override
    public boolean hasNext() {
        return remaining > 0;
    }

    @Override
    public Record next() {
        if (remaining == 0) {
            throw new NoSuchElementException("all " + count + " records of the batch at offset " + baseOffset + " were read");
        }
        int start = in.position();
        DefaultRecord record;
        try {
            record = read(start);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw recordError(start, describeField() + " is malformed: " + e.getMessage());
        }
        if (--remaining == 0 && in.hasRemaining()) {
            throw batchError(in.remaining() + " bytes follow the last of the " + count + " records its header declares");
        }
        return record;
    }

    private DefaultRecord read(int start) {
        field = "record length";
        int bodySize = readVarint(in);
        if (bodySize < MIN_BODY_SIZE || bodySize > in.remaining()) {
            throw recordError(start, "record length " + bodySize + " is outside [" + MIN_BODY_SIZE + ", "
                + in.remaining() + "], the bytes left in the records section");
        }
        int bodyStart = in.position();
        // Fields are checked against the record's end as they are read, rather than by moving
        // the buffer's limit twice per record; a varint that overruns is caught after it.
        int end = bodyStart + bodySize;
        field = "attributes";
        byte attributes = in.get();
        field = "timestamp delta";
        long timestampDelta = readVarlong(in);
        field = "offset delta";
        int offsetDelta = readVarint(in);
        field = "key length";
        int keySize = readVarint(in);
        int keyOffset = skip(keySize, start, end);
        field = "value length";
        int valueSize = readVarint(in);
        int valueOffset = skip(valueSize, start, end);
        field = "header count";
        int headerCount = readVarint(in);
        if (headerCount < 0 || headerCount > (end - in.position()) / 2) {
            throw recordError(start, "header count " + headerCount + " does not fit the " + (end - in.position())
                + " bytes left in the record");
        }
        int headersOffset = in.position();
        for (header = 0; header < headerCount; header++) {
            field = "header key length";
            int headerKeySize = readVarint(in);
            if (headerKeySize < 0) {
                throw recordError(start, "header " + header + " has a null or negative key length " + headerKeySize);
            }
            skip(headerKeySize, start, end);
            field = "header value length";
            skip(readVarint(in), start, end);
        }
        if (in.position() != end) {
            throw recordError(start, "record length " + bodySize + (in.position() < end
                ? " leaves " + (end - in.position()) + " bytes after the last header"
                : " ends inside its fields, which run " + (in.position() - end) + " bytes further"));
        }
        long timestamp = logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta;
        return new DefaultRecord(view, end - start, attributes, baseOffset + offsetDelta, timestamp,
            DefaultRecordBatch.incrementSequence(baseSequence, offsetDelta),
            keyOffset, keySize, valueOffset, valueSize, headersOffset, headerCount);
    }

    /** Steps over a length-prefixed field (-1 = null) and returns where its bytes start. */
    private int skip(int size, int recordStart, int end) {
        int offset = in.position();
        if (size < -1 || size > end - offset) {
            throw recordError(recordStart, describeField() + " " + size + " is outside [-1, " + (end - offset)
                + "], the bytes left in the record");
        }
        if (size > 0) {
            in.position(offset + size);
        }
        return offset;
    }

    /** Zigzag varints; the one- and two-byte forms nearly every record field uses are decoded inline. */
    private static int readVarint(ByteBuffer in) {
        long value = readShortVarint(in);
        return value != NOT_SHORT ? (int) value : ByteUtils.readVarint(in);
    }

    private static long readVarlong(ByteBuffer in) {
        long value = readShortVarint(in);
        return value != NOT_SHORT ? value : ByteUtils.readVarlong(in);
    }

    /**
     * The value of a one- or two-byte zigzag varint at the position, stepping over it; or
     * NOT_SHORT, leaving the position for {@link ByteUtils}, which reads and bounds longer ones.
     */
    private static long readShortVarint(ByteBuffer in) {
        int position = in.position();
        if (in.limit() - position < 2) {
            return NOT_SHORT;
        }
        int raw = in.get(position);
        int length = 1;
        if (raw < 0) {
            int b1 = in.get(position + 1);
            if (b1 < 0) {
                return NOT_SHORT;
            }
            raw = (raw & 0x7F) | (b1 << 7);
            length = 2;
        }
        in.position(position + length);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** The field being decoded, with the header's index for header fields ("header 2 key length"). */
    private String describeField() {
        return field.startsWith("header ") ? "header " + header + field.substring("header".length()) : field;
    }

    private CorruptRecordException recordError(int start, String detail) {
        return batchError("record " + (count - remaining) + " (byte " + start + " " + sectionName + "): " + detail);
    }

    private CorruptRecordException batchError(String detail) {
        return new CorruptRecordException("Record batch at offset " + baseOffset + ": " + detail);
    }
}
