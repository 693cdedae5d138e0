package io.strand.common.compress;

import io.netty.buffer.ByteBuf;
import io.strand.common.KafkaException;
import io.strand.common.record.CompressionType;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;

/**
 * Snappy in the xerial framing that snappy-java's SnappyOutputStream writes and Kafka uses: a
 * 16-byte header (magic {@code 82 'SNAPPY' 00}, version 1, compatible version 1) followed by
 * chunks of at most 32 KiB of input, each a big-endian int32 length and a raw snappy block. The
 * framing is written here, over snappy's raw block API, so that no stream objects or chunk
 * buffers are allocated per batch and each block goes straight into the output.
 */
public final class SnappyCompression extends Compression {

    static final byte[] MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    static final int HEADER_SIZE = MAGIC.length + 8;
    /** SnappyOutputStream's default block size; a chunk never holds more input than this. */
    static final int CHUNK_SIZE = 32 * 1024;
    private static final int VERSION = 1;
    private static final int COMPATIBLE_VERSION = 1;

    static final SnappyCompression INSTANCE = new SnappyCompression();

    private SnappyCompression() {
    }

    @Override
    public CompressionType type() {
        return CompressionType.SNAPPY;
    }

    @Override
    public int maxCompressedLength(int n) {
        int chunks = Math.max(1, (n + CHUNK_SIZE - 1) / CHUNK_SIZE);
        return HEADER_SIZE + chunks * (4 + Snappy.maxCompressedLength(CHUNK_SIZE));
    }

    @Override
    public void compress(ByteBuffer src, ByteBuf dst) {
        ByteBuffer out = Buffers.writableView(dst, maxCompressedLength(src.remaining()));
        ByteBuffer in = Buffers.sameKind(src, out);
        out.put(MAGIC).putInt(VERSION).putInt(COMPATIBLE_VERSION);
        try {
            for (int pos = in.position(); pos < in.limit(); pos += CHUNK_SIZE) {
                int length = Math.min(CHUNK_SIZE, in.limit() - pos);
                int lengthAt = out.position();
                int compressed = compressChunk(in, pos, length, out, lengthAt + 4);
                out.putInt(lengthAt, compressed);
                out.position(lengthAt + 4 + compressed);
            }
        } catch (IOException e) {
            throw new KafkaException("snappy failed to compress " + src.remaining() + " bytes", e);
        }
        dst.writerIndex(dst.writerIndex() + out.position());
    }

    private static int compressChunk(ByteBuffer in, int pos, int length, ByteBuffer out, int outPos) throws IOException {
        if (out.hasArray()) {
            return Snappy.rawCompress(in.array(), in.arrayOffset() + pos, length, out.array(), out.arrayOffset() + outPos);
        }
        // The direct-buffer API reads position..limit and writes from position.
        ByteBuffer chunk = in.duplicate();
        chunk.limit(pos + length).position(pos);
        ByteBuffer target = out.duplicate();
        target.position(outPos);
        return Snappy.compress(chunk, target);
    }

    public static final class Builder implements Compression.Builder<SnappyCompression> {
        @Override
        public SnappyCompression build() {
            return INSTANCE;
        }
    }
}
