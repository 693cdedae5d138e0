package io.strand.common.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.strand.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;

/**
 * Decompresses a records section of one or more zstd frames in one call into a heap array, with a
 * pooled native context. One-shot decompression needs no window buffer, but needs an output big
 * enough: frames written in one call declare their size; streamed frames (Apache's producer
 * writes those) do not, so the output starts at a guess and doubles, up to the caller's limit, each
 * time zstd answers that it is too small. zstd checks its input fully, so malformed or truncated
 * frames end in an error rather than garbage.
 */
final class ZstdDecoder {

    private static final ContextPool<ZstdDecompressCtx> CONTEXTS =
        new ContextPool<>(ZstdDecompressCtx::new, ZstdDecompressCtx::close);
    /** Record sections of repeated field names typically shrink 3-10 times; start above that. */
    private static final int GUESS_RATIO = 8;
    /** A 4-byte RLE block stands for 128 KiB at most: zstd cannot expand data more than ~32768 times. */
    private static final int MAX_RATIO = 32 * 1024 + 1024;
    private static final long DST_TOO_SMALL = Zstd.errDstSizeTooSmall();

    private ZstdDecoder() {
    }

    static ByteBuffer decode(ByteBuffer in, int maxBytes) {
        int length = in.remaining();
        if (length == 0) {
            throw new CorruptRecordException("Malformed zstd data: the input is empty");
        }
        long declared = declaredSize(in);
        if (declared > length * (long) MAX_RATIO) {
            throw new CorruptRecordException("Malformed zstd data: a frame of " + length + " bytes declares "
                + declared + " bytes of content, more than zstd can encode in it");
        }
        if (declared > maxBytes) {
            throw new CorruptRecordException("zstd frame declares " + declared
                + " bytes of content, more than the limit of " + maxBytes + " bytes");
        }
        DecompressionBuffer out = new DecompressionBuffer("zstd",
            declared >= 0 ? declared : length * (long) GUESS_RATIO, maxBytes);
        ZstdDecompressCtx ctx = CONTEXTS.acquire();
        try {
            while (true) {
                try {
                    int written = in.hasArray()
                        ? ctx.decompressByteArray(out.array(), 0, out.room(), in.array(), in.arrayOffset() + in.position(), length)
                        : ctx.decompressDirectByteBufferToByteArray(out.array(), 0, out.room(), in, in.position(), length);
                    out.advance(written);
                    return out.toByteBuffer();
                } catch (ZstdException e) {
                    if (e.getErrorCode() != DST_TOO_SMALL) {
                        throw new CorruptRecordException("Malformed zstd data: " + e.getMessage(), e);
                    }
                    ctx.reset();
                    out.grow();
                }
            }
        } finally {
            ctx.reset();
            CONTEXTS.release(ctx);
        }
    }

    /** The first frame's declared content size, or -1 if it has none (or the header is malformed). */
    private static long declaredSize(ByteBuffer in) {
        long size = in.hasArray()
            ? Zstd.getFrameContentSize(in.array(), in.arrayOffset() + in.position(), in.remaining())
            : Zstd.getDirectByteBufferFrameContentSize(in, in.position(), in.remaining());
        return size >= 0 ? size : -1;
    }
}
