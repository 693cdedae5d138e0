package io.strand.common.compress;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/** Moves between Netty and NIO buffers without copying where the codecs allow it. */
final class Buffers {

    private Buffers() {
    }

    /**
     * A view of {@code dst}'s writable region, at least {@code minWritable} bytes long, that shares
     * its memory: what a codec writes there becomes {@code dst}'s content once the caller moves the
     * writer index. A composite buffer would hand out a copy, so it is refused.
     */
    static ByteBuffer writableView(ByteBuf dst, int minWritable) {
        dst.ensureWritable(minWritable);
        if (dst.nioBufferCount() != 1) {
            throw new IllegalArgumentException("Compression output must be one contiguous buffer, got "
                + dst.getClass().getSimpleName() + " with " + dst.nioBufferCount() + " parts");
        }
        return dst.nioBuffer(dst.writerIndex(), dst.writableBytes());
    }

    /**
     * {@code src}'s remaining bytes in a buffer of the same kind (heap with an array, or direct) as
     * {@code like}. Native codecs (snappy, zstd) take either two arrays or two direct buffers; the
     * builder always pairs like with like, so the copy here is only for unusual callers.
     */
    static ByteBuffer sameKind(ByteBuffer src, ByteBuffer like) {
        boolean ok = like.isDirect() ? src.isDirect() : src.hasArray();
        if (ok) {
            return src;
        }
        ByteBuffer copy = like.isDirect() ? ByteBuffer.allocateDirect(src.remaining()) : ByteBuffer.allocate(src.remaining());
        copy.put(src.duplicate()).flip();
        return copy;
    }

    /** {@code src}'s remaining bytes as an array region: the backing array when there is one. */
    static ByteBuffer onHeap(ByteBuffer src) {
        if (src.hasArray()) {
            return src;
        }
        ByteBuffer copy = ByteBuffer.allocate(src.remaining());
        copy.put(src.duplicate()).flip();
        return copy;
    }
}
