package io.strand.common.serialization;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/** Reads a buffer's remaining bytes without moving its position. */
final class BufferBytes {

    private BufferBytes() {
    }

    static byte[] toNullableArray(ByteBuffer buffer) {
        return buffer == null ? null : toArray(buffer);
    }

    static byte[] toArray(ByteBuffer buffer) {
        byte[] dest = new byte[buffer.remaining()];
        // The absolute get leaves the position alone without a duplicate: a consumer calls this
        // once per record, and a direct buffer's duplicate was the largest cost on that path.
        buffer.get(buffer.position(), dest);
        return dest;
    }

    /** Decodes the remaining bytes as text; a heap buffer is decoded in place, without a copy. */
    static String decode(ByteBuffer buffer, Charset charset) {
        if (buffer.hasArray()) {
            return new String(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), charset);
        }
        return new String(toArray(buffer), charset);
    }
}
