package io.strand.common.compress;

import io.strand.common.errors.CorruptRecordException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;

/**
 * Reads the xerial framing (see {@link SnappyCompression}) chunk by chunk. Unlike
 * SnappyInputStream, which allocates whatever chunk length the stream claims (up to 512 MiB), every
 * chunk length is checked against the bytes present, and a first pass adds up the sizes the
 * blocks declare, each checked against what snappy can expand a block of that length to, so that
 * the output is allocated once, at its exact size, within the limit. Concatenated streams (a
 * header again at a chunk boundary) and a bare snappy block without framing are read too, as
 * SnappyInputStream does.
 */
final class SnappyDecoder {

    /**
     * Snappy's densest element is a 3-byte copy of 64 bytes; a block can hardly expand more than
     * 22 times. A block declaring more is corrupt, whatever the limit.
     */
    private static final int MAX_RATIO = 24;

    private SnappyDecoder() {
    }

    static ByteBuffer decode(ByteBuffer src, int maxBytes) {
        // snappy's array API needs an array; a direct input costs one copy of the compressed bytes.
        ByteBuffer in = Buffers.onHeap(src);
        byte[] array = in.array();
        int start = in.arrayOffset() + in.position();
        int end = in.arrayOffset() + in.limit();
        try {
            long size = walk(array, start, end, null);
            if (size > maxBytes) {
                throw new CorruptRecordException("snappy data decompresses to " + size
                    + " bytes, more than the limit of " + maxBytes + " bytes");
            }
            DecompressionBuffer out = new DecompressionBuffer("snappy", size, maxBytes);
            walk(array, start, end, out);
            return out.toByteBuffer();
        } catch (IOException e) {
            throw new CorruptRecordException("Malformed snappy data: " + e.getMessage(), e);
        }
    }

    /** Steps over every block; without {@code out} adds up their declared sizes, with it decodes them. */
    private static long walk(byte[] array, int start, int end, DecompressionBuffer out) throws IOException {
        if (!hasMagic(array, start, end)) {
            return block(array, start, end - start, out);
        }
        long total = 0;
        int pos = start;
        while (pos < end) {
            if (hasMagic(array, pos, end)) {
                if (end - pos < SnappyCompression.HEADER_SIZE) {
                    throw corrupt("stream header is truncated");
                }
                pos += SnappyCompression.HEADER_SIZE;
                continue;
            }
            if (end - pos < 4) {
                throw corrupt("chunk length needs 4 bytes, " + (end - pos) + " left");
            }
            int length = (array[pos] & 0xFF) << 24 | (array[pos + 1] & 0xFF) << 16
                | (array[pos + 2] & 0xFF) << 8 | (array[pos + 3] & 0xFF);
            pos += 4;
            if (length < 0 || length > end - pos) {
                throw corrupt("chunk length " + length + " at byte " + (pos - 4 - start)
                    + " exceeds the " + (end - pos) + " bytes left");
            }
            total += block(array, pos, length, out);
            pos += length;
        }
        return total;
    }

    private static int block(byte[] array, int offset, int length, DecompressionBuffer out) throws IOException {
        if (length == 0) {
            return 0;
        }
        int size = Snappy.uncompressedLength(array, offset, length);
        if (size < 0 || size > (long) length * MAX_RATIO + 64) {
            throw corrupt("a block of " + length + " bytes declares " + Integer.toUnsignedString(size)
                + " bytes of output, more than snappy can encode in it");
        }
        if (out != null) {
            out.ensureRoom(size);
            int written = Snappy.uncompress(array, offset, length, out.array(), out.size());
            if (written != size) {
                throw corrupt("block declared " + size + " bytes but produced " + written);
            }
            out.advance(written);
        }
        return size;
    }

    private static boolean hasMagic(byte[] array, int pos, int end) {
        byte[] magic = SnappyCompression.MAGIC;
        if (end - pos < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (array[pos + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static CorruptRecordException corrupt(String detail) {
        return new CorruptRecordException("Malformed snappy data: " + detail);
    }
}
