package io.strand.common.compress;

import io.netty.buffer.ByteBuf;
import io.strand.common.record.CompressionType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * GZIP (RFC 1952) around raw deflate, the framing {@code java.util.zip.GZIPOutputStream} writes and
 * every Kafka client reads. The 10-byte header and 8-byte trailer are written here so that one
 * pooled {@link Deflater} serves every batch; a GZIPOutputStream would create and free a native
 * deflater (about 256 KiB) per batch.
 */
public final class GzipCompression extends Compression {

    public static final int MIN_LEVEL = Deflater.BEST_SPEED;
    public static final int MAX_LEVEL = Deflater.BEST_COMPRESSION;
    /** zlib's own default, which it maps to level 6. */
    public static final int DEFAULT_LEVEL = Deflater.DEFAULT_COMPRESSION;

    static final int HEADER_SIZE = 10;
    static final int TRAILER_SIZE = 8;
    // ID1 ID2, CM=deflate, FLG=0, MTIME=0, XFL=0, OS=255 (unknown): what the JDK writes too.
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private static final ContextPool<Deflater> DEFLATERS =
        new ContextPool<>(() -> new Deflater(DEFAULT_LEVEL, true), Deflater::end);

    private final int level;

    private GzipCompression(int level) {
        this.level = level;
    }

    @Override
    public int level() {
        return level;
    }

    @Override
    public CompressionType type() {
        return CompressionType.GZIP;
    }

    @Override
    public int maxCompressedLength(int n) {
        // zlib's deflateBound for any level and strategy, plus the gzip framing.
        return n + ((n + 7) >> 3) + ((n + 63) >> 6) + 5 + HEADER_SIZE + TRAILER_SIZE;
    }

    @Override
    public void compress(ByteBuffer src, ByteBuf dst) {
        int length = src.remaining();
        ByteBuffer out = Buffers.writableView(dst, maxCompressedLength(length)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(HEADER);
        Deflater deflater = DEFLATERS.acquire();
        try {
            deflater.setLevel(level);
            deflater.setInput(src.duplicate());
            deflater.finish();
            while (!deflater.finished()) {
                if (deflater.deflate(out) == 0 && !out.hasRemaining()) {
                    throw new IllegalStateException("deflate output passed its bound for " + length + " bytes");
                }
            }
        } finally {
            deflater.reset();
            DEFLATERS.release(deflater);
        }
        CRC32 crc = new CRC32();
        crc.update(src.duplicate());
        out.putInt((int) crc.getValue());
        out.putInt(length);
        dst.writerIndex(dst.writerIndex() + out.position());
    }

    public static final class Builder implements Compression.Builder<GzipCompression> {
        private int level = DEFAULT_LEVEL;

        public Builder level(int level) {
            this.level = checkLevel(CompressionType.GZIP, level, MIN_LEVEL, MAX_LEVEL, DEFAULT_LEVEL);
            return this;
        }

        @Override
        public GzipCompression build() {
            return new GzipCompression(level);
        }
    }
}
