package io.strand.common.record;

import io.strand.common.header.Header;
import io.strand.common.header.internals.RecordHeader;

import io.strand.common.utils.ByteUtils;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A record of a v2 batch, already validated by {@link DefaultRecordIterator}. It keeps positions
 * into the batch's (decompressed) records section rather than copies: key and value are sliced
 * on request, and headers, which most readers never look at, are decoded on first request.
 * Key and value are writable views of the batch's bytes (so deserializers can use the backing
 * array without a copy): read them, do not modify them.
 */
public final class DefaultRecord implements Record {

    private final ByteBuffer section;
    private final int sizeInBytes;
    private final byte attributes;
    private final long offset;
    private final long timestamp;
    private final int sequence;
    private final int keyOffset;
    private final int keySize;
    private final int valueOffset;
    private final int valueSize;
    private final int headersOffset;
    private final int headerCount;
    private Header[] headers;

    DefaultRecord(ByteBuffer section, int sizeInBytes, byte attributes, long offset, long timestamp, int sequence,
                  int keyOffset, int keySize, int valueOffset, int valueSize, int headersOffset, int headerCount) {
        this.section = section;
        this.sizeInBytes = sizeInBytes;
        this.attributes = attributes;
        this.offset = offset;
        this.timestamp = timestamp;
        this.sequence = sequence;
        this.keyOffset = keyOffset;
        this.keySize = keySize;
        this.valueOffset = valueOffset;
        this.valueSize = valueSize;
        this.headersOffset = headersOffset;
        this.headerCount = headerCount;
    }

    /** The bytes a record takes in a batch (length prefix included); see {@link DefaultRecordWriter}. */
    public static int sizeInBytes(int offsetDelta, long timestampDelta, int keySize, int valueSize, Header[] headers) {
        return DefaultRecordWriter.sizeInBytes(offsetDelta, timestampDelta, keySize, valueSize, headers);
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public int sequence() {
        return sequence;
    }

    @Override
    public int sizeInBytes() {
        return sizeInBytes;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    public byte attributes() {
        return attributes;
    }

    @Override
    public boolean isValid() {
        return true;
    }

    @Override
    public void ensureValid() {
        // v2 records carry no checksum of their own; the batch CRC covers them.
    }

    @Override
    public int keySize() {
        return keySize;
    }

    @Override
    public ByteBuffer key() {
        return keySize < 0 ? null : section.slice(keyOffset, keySize);
    }

    @Override
    public byte[] keyArray() {
        return copy(keyOffset, keySize);
    }

    @Override
    public int valueSize() {
        return valueSize;
    }

    @Override
    public byte[] valueArray() {
        return copy(valueOffset, valueSize);
    }

    /** Straight from the section: a consumer calls this per record, and a view of a direct buffer costs more than the copy. */
    private byte[] copy(int offset, int size) {
        if (size < 0) {
            return null;
        }
        byte[] out = new byte[size];
        section.get(offset, out);
        return out;
    }

    @Override
    public ByteBuffer value() {
        return valueSize < 0 ? null : section.slice(valueOffset, valueSize);
    }

    @Override
    public Header[] headers() {
        if (headers == null) {
            headers = headerCount == 0 ? EMPTY_HEADERS : readHeaders();
        }
        return headers;
    }

    private Header[] readHeaders() {
        ByteBuffer in = section.duplicate().position(headersOffset);
        Header[] result = new Header[headerCount];
        for (int i = 0; i < headerCount; i++) {
            int keyLength = ByteUtils.readVarint(in);
            String key = readUtf8(in, keyLength);
            int valueLength = ByteUtils.readVarint(in);
            byte[] value = null;
            if (valueLength >= 0) {
                value = new byte[valueLength];
                in.get(value);
            }
            result[i] = new RecordHeader(key, value);
        }
        return result;
    }

    private String readUtf8(ByteBuffer in, int length) {
        if (in.hasArray()) {
            String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
            return s;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DefaultRecord(offset=" + offset + ", timestamp=" + timestamp + ", key=" + keySize
            + " bytes, value=" + valueSize + " bytes, headers=" + headerCount + ")";
    }
}
