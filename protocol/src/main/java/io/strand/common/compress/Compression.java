package io.strand.common.compress;

import io.netty.buffer.ByteBuf;
import io.strand.common.errors.CorruptRecordException;
import io.strand.common.record.CompressionType;
import java.nio.ByteBuffer;

/**
 * A codec with its settings, as the producer's {@code compression.type} and
 * {@code compression.<codec>.level} choose it: {@code Compression.zstd().level(5).build()}.
 *
 * <p>Compression works on whole record sections: the batch builder encodes records uncompressed
 * and compresses them once when the batch closes, so every codec here takes one input buffer
 * and appends one output, with no streams in between. Native codec state (a Deflater, a zstd
 * context) is pooled per codec and reused across batches.
 *
 * <p>Decompression ({@link #decompress}) depends only on the codec id stored in a batch, never
 * on a level, so it is static. It is bounded: every length a stream declares is checked against
 * the bytes present and against a caller's limit on the output, and any malformed input ends in
 * a {@link CorruptRecordException}.
 */
public abstract class Compression {

    public static final Compression NONE = NoCompression.INSTANCE;

    Compression() {
    }

    public static GzipCompression.Builder gzip() {
        return new GzipCompression.Builder();
    }

    public static SnappyCompression.Builder snappy() {
        return new SnappyCompression.Builder();
    }

    public static Lz4Compression.Builder lz4() {
        return new Lz4Compression.Builder();
    }

    public static ZstdCompression.Builder zstd() {
        return new ZstdCompression.Builder();
    }

    /** A builder of the codec's default settings, for code that only knows the type. */
    public static Builder<? extends Compression> of(CompressionType type) {
        switch (type) {
            case NONE:
                return () -> NONE;
            case GZIP:
                return gzip();
            case SNAPPY:
                return snappy();
            case LZ4:
                return lz4();
            case ZSTD:
                return zstd();
            default:
                throw new IllegalArgumentException("Unknown compression type " + type);
        }
    }

    public abstract CompressionType type();

    /** The codec's level, for codecs that have one (gzip, lz4, zstd); 0 otherwise. */
    public int level() {
        return 0;
    }

    private boolean hasLevel() {
        return type() == CompressionType.GZIP || type() == CompressionType.LZ4 || type() == CompressionType.ZSTD;
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof Compression && ((Compression) o).type() == type() && ((Compression) o).level() == level();
    }

    @Override
    public final int hashCode() {
        return 31 * type().hashCode() + level();
    }

    @Override
    public final String toString() {
        return hasLevel() ? type().name + "(level=" + level() + ")" : type().name;
    }

    /** The most bytes {@link #compress} can append for this many input bytes. */
    public abstract int maxCompressedLength(int uncompressedLength);

    /**
     * Appends the compressed form of {@code src}'s remaining bytes to {@code dst}, growing it as
     * needed. Leaves {@code src}'s position where it was. {@code dst} must be one contiguous
     * buffer (not a composite of several).
     */
    public abstract void compress(ByteBuffer src, ByteBuf dst);

    /**
     * Decompresses a whole records section (or a legacy wrapper's value).
     *
     * @param src the compressed bytes, from position to limit; its position is not changed
     * @param magic the batch's magic, because LZ4 frames in magic 0 carry a wrong header checksum
     * @param maxBytes the most bytes the output may reach; beyond that the input is treated as a
     *     decompression bomb
     * @return a heap buffer positioned at 0 whose limit is the decompressed size
     * @throws CorruptRecordException if the input is malformed or decompresses to more than maxBytes
     */
    public static ByteBuffer decompress(CompressionType type, ByteBuffer src, byte magic, int maxBytes) {
        ByteBuffer in = src.duplicate();
        switch (type) {
            case NONE:
                return in;
            case GZIP:
                return GzipDecoder.decode(in, maxBytes);
            case SNAPPY:
                return SnappyDecoder.decode(in, maxBytes);
            case LZ4:
                return Lz4FrameDecoder.decode(in, magic == 0, maxBytes);
            case ZSTD:
                return ZstdDecoder.decode(in, maxBytes);
            default:
                throw new IllegalArgumentException("Unknown compression type " + type);
        }
    }

    /** Checks a level against a codec's range, naming the setting a user would have to change. */
    static int checkLevel(CompressionType type, int level, int min, int max, int defaultLevel) {
        if (level != defaultLevel && (level < min || level > max)) {
            throw new IllegalArgumentException("compression." + type.name + ".level must be between "
                + min + " and " + max + " (or " + defaultLevel + " for the default), got " + level);
        }
        return level;
    }

    /** Builds a {@link Compression}; codecs with levels add a {@code level(int)} setter. */
    public interface Builder<T extends Compression> {
        T build();
    }
}
