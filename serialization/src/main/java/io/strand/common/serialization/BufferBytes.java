package io.strand.common.serialization;

import java.nio.ByteBuffer;

/** Copies a buffer's remaining bytes without moving its position. */
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
}
