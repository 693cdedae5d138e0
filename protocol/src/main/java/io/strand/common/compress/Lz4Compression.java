package io.strand.common.compress;

import io.netty.buffer.ByteBuf;
import io.strand.common.record.CompressionType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;

/**
 * LZ4 as a standard LZ4 frame, the form Kafka has written since magic 1 (KIP-57): magic
 * {@code 0x184D2204}, a descriptor with independent blocks of at most 64 KiB and no block or
 * content checksums, the descriptor checksum (second byte of XXH32 over the descriptor), blocks as
 * a little-endian int32 size (high bit set for a block stored raw) and data, and a zero end mark.
 *
 * <p>The default level uses LZ4's fast compressor, any explicit level the high-compression one at
 * that level, as Apache Kafka does; the output format is the same either way.
 */
public final class Lz4Compression extends Compression {

    public static final int MIN_LEVEL = 1;
    public static final int MAX_LEVEL = 17;
    public static final int DEFAULT_LEVEL = 9;

    static final int MAGIC = 0x184D2204;
    static final int BLOCK_SIZE = 64 * 1024;
    static final int RAW_BLOCK_FLAG = 0x80000000;
    /** Version 01, independent blocks, no block checksum, no content size, no content checksum. */
    private static final byte FLG = 0x60;
    /** Block maximum size id 4: 64 KiB. */
    private static final byte BD = 0x40;
    private static final byte HEADER_CHECKSUM = descriptorChecksum(new byte[] {FLG, BD});
    private static final int FRAME_OVERHEAD = 4 + 3 + 4;

    private final int level;
    private final LZ4Compressor compressor;

    private Lz4Compression(int level) {
        this.level = level;
        LZ4Factory factory = LZ4Factory.fastestInstance();
        this.compressor = level == DEFAULT_LEVEL ? factory.fastCompressor() : factory.highCompressor(level);
    }

    static byte descriptorChecksum(byte[] descriptor) {
        int hash = XXHashFactory.fastestInstance().hash32().hash(descriptor, 0, descriptor.length, 0);
        return (byte) (hash >>> 8);
    }

    @Override
    public int level() {
        return level;
    }

    @Override
    public CompressionType type() {
        return CompressionType.LZ4;
    }

    @Override
    public int maxCompressedLength(int n) {
        int blocks = Math.max(1, (n + BLOCK_SIZE - 1) / BLOCK_SIZE);
        return FRAME_OVERHEAD + blocks * (4 + compressor.maxCompressedLength(BLOCK_SIZE));
    }

    @Override
    public void compress(ByteBuffer src, ByteBuf dst) {
        ByteBuffer out = Buffers.writableView(dst, maxCompressedLength(src.remaining())).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).put(FLG).put(BD).put(HEADER_CHECKSUM);
        for (int pos = src.position(); pos < src.limit(); pos += BLOCK_SIZE) {
            int length = Math.min(BLOCK_SIZE, src.limit() - pos);
            int sizeAt = out.position();
            int dataAt = sizeAt + 4;
            int compressed = compressor.compress(src, pos, length, out, dataAt, out.capacity() - dataAt);
            if (compressed < length) {
                out.putInt(sizeAt, compressed);
                out.position(dataAt + compressed);
            } else {
                // Incompressible: a raw block is smaller and the reader copies it without decoding.
                out.putInt(sizeAt, length | RAW_BLOCK_FLAG);
                out.position(dataAt);
                out.put(src.duplicate().limit(pos + length).position(pos));
            }
        }
        out.putInt(0);
        dst.writerIndex(dst.writerIndex() + out.position());
    }

    public static final class Builder implements Compression.Builder<Lz4Compression> {
        private int level = DEFAULT_LEVEL;

        public Builder level(int level) {
            this.level = checkLevel(CompressionType.LZ4, level, MIN_LEVEL, MAX_LEVEL, DEFAULT_LEVEL);
            return this;
        }

        @Override
        public Lz4Compression build() {
            return new Lz4Compression(level);
        }
    }
}
