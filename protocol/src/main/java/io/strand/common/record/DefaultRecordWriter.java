package io.strand.common.record;

import io.strand.common.header.Header;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.strand.common.utils.ByteUtils;
import java.nio.ByteBuffer;

/**
 * Encodes v2 records (format in {@link DefaultRecordIterator}) straight into a batch buffer. The
 * length prefix comes first, so the size of the body is computed up front from the field sizes,
 * which costs a second pass over header keys (to count their UTF-8 bytes) but no copy.
 */
public final class DefaultRecordWriter {

    /** Worst-case size of the prefix fields: length, attributes, timestamp and offset deltas. */
    static final int MAX_PREFIX_SIZE = 5 + 1 + 10 + 5;

    private DefaultRecordWriter() {
    }

    /** The bytes a record takes in a batch, its length prefix included. */
    public static int sizeInBytes(int offsetDelta, long timestampDelta, int keySize, int valueSize, Header[] headers) {
        int body = sizeOfBody(offsetDelta, timestampDelta, keySize, valueSize, sizeOfHeaders(headers));
        return ByteUtils.sizeOfVarint(body) + body;
    }

    /** An upper bound of {@link #sizeInBytes} whatever the deltas, for sizing a new batch. */
    public static int sizeUpperBound(int keySize, int valueSize, Header[] headers) {
        return MAX_PREFIX_SIZE + sizeOfField(keySize) + sizeOfField(valueSize) + sizeOfHeaders(headers);
    }

    /** The body (what the length prefix counts), given {@link #sizeOfHeaders}' answer. */
    static int sizeOfBody(int offsetDelta, long timestampDelta, int keySize, int valueSize, int headersSize) {
        return 1 + ByteUtils.sizeOfVarlong(timestampDelta) + ByteUtils.sizeOfVarint(offsetDelta)
            + sizeOfField(keySize) + sizeOfField(valueSize) + headersSize;
    }

    private static int sizeOfField(int size) {
        return size < 0 ? 1 : ByteUtils.sizeOfVarint(size) + size;
    }

    /** The header count and headers as encoded; fails on a null header or key, before anything is written. */
    static int sizeOfHeaders(Header[] headers) {
        int size = ByteUtils.sizeOfVarint(headers.length);
        for (Header header : headers) {
            if (header == null || header.key() == null) {
                throw new IllegalArgumentException("Headers must not be null and must have a key");
            }
            size += sizeOfField(ByteBufUtil.utf8Bytes(header.key()));
            byte[] value = header.value();
            size += sizeOfField(value == null ? -1 : value.length);
        }
        return size;
    }

    static void writePrefix(ByteBuf out, int bodySize, long timestampDelta, int offsetDelta) {
        ByteUtils.writeVarint(bodySize, out);
        out.writeByte(0); // record attributes: none defined yet
        ByteUtils.writeVarlong(timestampDelta, out);
        ByteUtils.writeVarint(offsetDelta, out);
    }

    static void writeField(ByteBuf out, byte[] bytes) {
        if (bytes == null) {
            ByteUtils.writeVarint(-1, out);
        } else {
            ByteUtils.writeVarint(bytes.length, out);
            out.writeBytes(bytes);
        }
    }

    /** Writes {@code bytes}' remaining bytes without moving its position. */
    static void writeField(ByteBuf out, ByteBuffer bytes) {
        if (bytes == null) {
            ByteUtils.writeVarint(-1, out);
        } else {
            int position = bytes.position();
            ByteUtils.writeVarint(bytes.remaining(), out);
            out.writeBytes(bytes);
            bytes.position(position);
        }
    }

    static void writeHeaders(ByteBuf out, Header[] headers) {
        ByteUtils.writeVarint(headers.length, out);
        for (Header header : headers) {
            String key = header.key();
            ByteUtils.writeVarint(ByteBufUtil.utf8Bytes(key), out);
            ByteBufUtil.writeUtf8(out, key);
            writeField(out, header.value());
        }
    }
}
