package io.strand.common.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import io.netty.buffer.ByteBuf;
import io.strand.common.record.CompressionType;
import java.nio.ByteBuffer;

/**
 * Zstandard, one standard frame per batch. The whole records section is compressed in one call
 * with a pooled native context, so the frame also records its content size, which lets readers
 * decompress it in one step too. (Streaming writers such as Apache's omit the size; readers of
 * either form are in {@link ZstdDecoder}.)
 */
public final class ZstdCompression extends Compression {

    public static final int MIN_LEVEL = -131072;
    public static final int MAX_LEVEL = 22;
    public static final int DEFAULT_LEVEL = 3;

    private static final ContextPool<ZstdCompressCtx> CONTEXTS =
        new ContextPool<>(ZstdCompressCtx::new, ZstdCompressCtx::close);

    private final int level;

    private ZstdCompression(int level) {
        this.level = level;
    }

    @Override
    public int level() {
        return level;
    }

    @Override
    public CompressionType type() {
        return CompressionType.ZSTD;
    }

    @Override
    public int maxCompressedLength(int n) {
        return Math.toIntExact(Zstd.compressBound(n));
    }

    @Override
    public void compress(ByteBuffer src, ByteBuf dst) {
        int length = src.remaining();
        ByteBuffer out = Buffers.writableView(dst, maxCompressedLength(length));
        ByteBuffer in = Buffers.sameKind(src, out);
        ZstdCompressCtx ctx = CONTEXTS.acquire();
        int written;
        try {
            ctx.setLevel(level);
            written = out.hasArray()
                ? ctx.compressByteArray(out.array(), out.arrayOffset(), out.capacity(),
                    in.array(), in.arrayOffset() + in.position(), length)
                : ctx.compressDirectByteBuffer(out, 0, out.capacity(), in, in.position(), length);
        } finally {
            ctx.reset();
            CONTEXTS.release(ctx);
        }
        dst.writerIndex(dst.writerIndex() + written);
    }

    public static final class Builder implements Compression.Builder<ZstdCompression> {
        private int level = DEFAULT_LEVEL;

        public Builder level(int level) {
            this.level = checkLevel(CompressionType.ZSTD, level, MIN_LEVEL, MAX_LEVEL, DEFAULT_LEVEL);
            return this;
        }

        @Override
        public ZstdCompression build() {
            return new ZstdCompression(level);
        }
    }
}
