package io.strand.common.utils;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC-32C (Castagnoli) as record batches v2 use it, always over whole buffer ranges so that the
 * JDK's intrinsic (SSE4.2 / ARMv8 CRC instructions) does the work; never byte by byte.
 */
public final class Crc32C {

    private Crc32C() {
    }

    /** The CRC of {@code length} bytes of {@code buffer} from absolute index {@code offset}; positions are untouched. */
    public static long compute(ByteBuffer buffer, int offset, int length) {
        ByteBuffer range = buffer.duplicate();
        range.limit(offset + length).position(offset);
        CRC32C crc = new CRC32C();
        crc.update(range);
        return crc.getValue();
    }

    /** The CRC of {@code length} bytes of {@code buffer} from absolute index {@code index}, whatever its parts. */
    public static long compute(ByteBuf buffer, int index, int length) {
        CRC32C crc = new CRC32C();
        if (buffer.nioBufferCount() == 1) {
            crc.update(buffer.nioBuffer(index, length));
        } else {
            for (ByteBuffer part : buffer.nioBuffers(index, length)) {
                crc.update(part);
            }
        }
        return crc.getValue();
    }

    public static long compute(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
