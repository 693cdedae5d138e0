package io.strand.common.compress;

import io.netty.buffer.ByteBuf;
import io.strand.common.record.CompressionType;
import java.nio.ByteBuffer;

/** Records stored as they are. */
public final class NoCompression extends Compression {

    static final NoCompression INSTANCE = new NoCompression();

    private NoCompression() {
    }

    @Override
    public CompressionType type() {
        return CompressionType.NONE;
    }

    @Override
    public int maxCompressedLength(int uncompressedLength) {
        return uncompressedLength;
    }

    @Override
    public void compress(ByteBuffer src, ByteBuf dst) {
        dst.writeBytes(src.duplicate());
    }

}
