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
        buffer.duplicate().get(dest);
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
