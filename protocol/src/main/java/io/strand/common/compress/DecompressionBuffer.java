package io.strand.common.compress;

import io.strand.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The growing output of one decompression. It starts at a size the decoder knows or estimates
 * (a size the input declares is trusted only up to what its codec can expand that many bytes to)
 * and grows as the codec produces bytes; it never passes a hard limit, so a decompression bomb
 * fails instead of exhausting the heap.
 */
final class DecompressionBuffer {

    private final String codec;
    private final int limit;
    private byte[] array;
    private int size;

    DecompressionBuffer(String codec, long expectedSize, int limit) {
        this.codec = codec;
        this.limit = limit;
        this.array = new byte[(int) Math.max(0, Math.min(limit, Math.max(expectedSize, 256)))];
    }

    byte[] array() {
        return array;
    }

    int size() {
        return size;
    }

    int room() {
        return array.length - size;
    }

    void advance(int written) {
        size += written;
    }

    /** Makes room for at least {@code wanted} more bytes, or fails if that would pass the limit. */
    void ensureRoom(int wanted) {
        if (wanted <= room()) {
            return;
        }
        long needed = (long) size + wanted;
        if (needed > limit) {
            throw overLimit();
        }
        grow(needed);
    }

    /**
     * Makes room for {@code wanted} more bytes or as many as the limit still allows, whichever is
     * less, for a block whose output size is only known to be at most {@code wanted}.
     */
    void ensureRoomUpTo(int wanted) {
        ensureRoom((int) Math.max(1, Math.min(wanted, (long) limit - size)));
    }

    /** Roughly doubles the room, for codecs that cannot say how much they need. */
    void grow() {
        if (array.length >= limit) {
            throw overLimit();
        }
        grow(Math.max(array.length + 1L, array.length * 2L));
    }

    private void grow(long atLeast) {
        long capacity = Math.max(atLeast, array.length * 2L);
        array = Arrays.copyOf(array, (int) Math.min(capacity, limit));
    }

    ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(array, 0, size);
    }

    private CorruptRecordException overLimit() {
        return new CorruptRecordException(codec + " data decompresses to more than the limit of "
            + limit + " bytes");
    }
}
