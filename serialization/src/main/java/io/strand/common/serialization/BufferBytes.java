package io.strand.common.serialization;

import io.strand.common.utils.Utils;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/** Reads a buffer's remaining bytes without moving its position. */
final class BufferBytes {

    private BufferBytes() {
    }

    /** Decodes the remaining bytes as text; a heap buffer is decoded in place, without a copy. */
    static String decode(ByteBuffer buffer, Charset charset) {
        if (buffer.hasArray()) {
            return new String(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), charset);
        }
        return new String(Utils.toNullableArray(buffer), charset);
    }
}
