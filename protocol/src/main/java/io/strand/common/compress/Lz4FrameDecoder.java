package io.strand.common.compress;

import io.strand.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Reads one LZ4 frame as Kafka clients write it (see {@link Lz4Compression}), and the optional
 * parts other writers may add: block checksums, a content size and a content checksum, all
 * verified. Dependent blocks and dictionaries, which no Kafka client writes, are refused.
 *
 * <p>Two passes: the first walks the blocks, checking every block size against the frame's
 * maximum and the bytes present, and bounds what they decode to: 64 KiB for a block followed by
 * another (writers fill every block but the last; the format allows no more), and for the last
 * block, or for frames of larger blocks, what its sequence headers (literal and match lengths)
 * add up to, read without decoding it. The output is then allocated once, exactly for Kafka's
 * frames, and only if that is within the limit. The second pass decodes with LZ4's
 * bounds-checking decompressor.
 */
final class Lz4FrameDecoder {

    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();
    private static final int MIN_MATCH = 4;

    private Lz4FrameDecoder() {
    }

    /**
     * @param ignoreHeaderChecksum true for magic 0 batches, whose writers computed the descriptor
     *     checksum over the wrong bytes (KIP-57)
     */
    static ByteBuffer decode(ByteBuffer in, boolean ignoreHeaderChecksum, int maxBytes) {
        in.order(ByteOrder.LITTLE_ENDIAN);
        need(in, 7, "frame header");
        int magic = in.getInt();
        if (magic != Lz4Compression.MAGIC) {
            throw corrupt("frame magic is 0x" + Integer.toHexString(magic) + ", not 0x184d2204");
        }
        Descriptor d = Descriptor.read(in, ignoreHeaderChecksum);
        long bound = walkBlocks(in.duplicate().order(ByteOrder.LITTLE_ENDIAN), d, null);
        if (bound > maxBytes) {
            throw new CorruptRecordException("lz4 data decompresses to up to " + bound
                + " bytes, more than the limit of " + maxBytes + " bytes");
        }
        DecompressionBuffer out = new DecompressionBuffer("lz4", bound, maxBytes);
        try {
            walkBlocks(in, d, out);
        } catch (LZ4Exception e) {
            throw new CorruptRecordException("Malformed lz4 data: a block does not decode within "
                + d.maxBlockSize + " bytes and the size its sequences declare", e);
        }
        if (d.contentSize >= 0 && d.contentSize != out.size()) {
            throw corrupt("frame declares " + d.contentSize + " bytes of content, blocks hold " + out.size());
        }
        if (d.contentChecksum) {
            need(in, 4, "content checksum");
            int stored = in.getInt();
            int computed = XXHASH.hash(out.array(), 0, out.size(), 0);
            if (stored != computed) {
                throw corrupt("content checksum is 0x" + Integer.toHexString(computed) + ", frame says 0x"
                    + Integer.toHexString(stored));
            }
        }
        return out.toByteBuffer();
    }

    /**
     * Steps over every block up to the end mark. Without {@code out}, only adds up bounds of their
     * decoded sizes; with it, decodes them into it and checks block checksums.
     */
    private static long walkBlocks(ByteBuffer in, Descriptor d, DecompressionBuffer out) {
        long total = 0;
        while (true) {
            need(in, 4, "block size");
            int word = in.getInt();
            if (word == 0) {
                return total;
            }
            boolean raw = (word & Lz4Compression.RAW_BLOCK_FLAG) != 0;
            int size = word & ~Lz4Compression.RAW_BLOCK_FLAG;
            int blockStart = in.position();
            if (size > d.maxBlockSize || size > in.remaining()) {
                throw corrupt("block size " + size + " at byte " + (blockStart - 4) + " exceeds the "
                    + Math.min(d.maxBlockSize, in.remaining()) + " bytes allowed");
            }
            boolean last = isLast(in, blockStart + size, d);
            if (out == null) {
                total += raw ? size : !last && d.maxBlockSize == Lz4Compression.BLOCK_SIZE
                    ? Lz4Compression.BLOCK_SIZE : decodedSize(in, blockStart, size);
            } else if (raw) {
                out.ensureRoom(size);
                in.get(blockStart, out.array(), out.size(), size);
                out.advance(size);
            } else {
                int written = in.hasArray()
                    ? DECOMPRESSOR.decompress(in.array(), in.arrayOffset() + blockStart, size, out.array(), out.size(), room(out, d))
                    : DECOMPRESSOR.decompress(in, blockStart, size, ByteBuffer.wrap(out.array()), out.size(), room(out, d));
                out.advance(written);
            }
            in.position(blockStart + size);
            if (d.blockChecksum) {
                need(in, 4, "block checksum");
                int stored = in.getInt();
                if (out != null && stored != XXHASH.hash(in, blockStart, size, 0)) {
                    throw corrupt("block checksum mismatch for the block at byte " + (blockStart - 4));
                }
            }
        }
    }

    /** Whether the block ending at {@code blockEnd} is followed by the end mark. */
    private static boolean isLast(ByteBuffer in, int blockEnd, Descriptor d) {
        int next = blockEnd + (d.blockChecksum ? 4 : 0);
        return next + 4 > in.limit() || in.getInt(next) == 0;
    }

    private static int room(DecompressionBuffer out, Descriptor d) {
        return Math.min(out.room(), d.maxBlockSize);
    }

    /**
     * What a compressed block decodes to, from its sequence headers: each sequence is a token
     * (literal length and match length, 4 bits each, 15 meaning more bytes of 255 follow), the
     * literals, and, except in the last sequence, a 2-byte offset. Literals must lie within the
     * block, so a block cannot claim more than 255 bytes of output per byte of input.
     */
    private static long decodedSize(ByteBuffer in, int start, int length) {
        int pos = start;
        int end = start + length;
        long size = 0;
        while (pos < end) {
            int token = in.get(pos++) & 0xFF;
            long literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (pos >= end) {
                        throw corrupt("literal length runs past the block at byte " + pos);
                    }
                    b = in.get(pos++) & 0xFF;
                    literals += b;
                } while (b == 255);
            }
            if (literals > end - pos) {
                throw corrupt(literals + " literals at byte " + pos + " run past the block");
            }
            pos += (int) literals;
            size += literals;
            if (pos == end) {
                break; // the last sequence has literals only
            }
            if (end - pos < 2) {
                throw corrupt("match offset runs past the block at byte " + pos);
            }
            pos += 2;
            long match = token & 0x0F;
            if (match == 15) {
                int b;
                do {
                    if (pos >= end) {
                        throw corrupt("match length runs past the block at byte " + pos);
                    }
                    b = in.get(pos++) & 0xFF;
                    match += b;
                } while (b == 255);
            }
            size += match + MIN_MATCH;
        }
        return size;
    }

    static void need(ByteBuffer in, int bytes, String what) {
        if (in.remaining() < bytes) {
            throw corrupt(what + " needs " + bytes + " bytes, " + in.remaining() + " left");
        }
    }

    static CorruptRecordException corrupt(String detail) {
        return new CorruptRecordException("Malformed lz4 data: " + detail);
    }

    /** The frame descriptor: FLG, BD, optional content size and dictionary id, header checksum. */
    private static final class Descriptor {
        final boolean blockChecksum;
        final boolean contentChecksum;
        final long contentSize;
        final int maxBlockSize;

        private Descriptor(boolean blockChecksum, boolean contentChecksum, long contentSize, int maxBlockSize) {
            this.blockChecksum = blockChecksum;
            this.contentChecksum = contentChecksum;
            this.contentSize = contentSize;
            this.maxBlockSize = maxBlockSize;
        }

        static Descriptor read(ByteBuffer in, boolean ignoreChecksum) {
            int start = in.position();
            int flg = in.get() & 0xFF;
            int bd = in.get() & 0xFF;
            if (flg >>> 6 != 1) {
                throw corrupt("frame version " + (flg >>> 6) + " is not 1");
            }
            if ((flg & 0x02) != 0 || (bd & 0x8F) != 0) {
                throw corrupt("frame descriptor sets reserved bits (FLG 0x" + Integer.toHexString(flg)
                    + ", BD 0x" + Integer.toHexString(bd) + ")");
            }
            if ((flg & 0x20) == 0) {
                throw corrupt("frame uses dependent blocks, which Kafka clients never write");
            }
            if ((flg & 0x01) != 0) {
                throw corrupt("frame needs a dictionary, which Kafka clients never use");
            }
            int sizeId = bd >>> 4;
            if (sizeId < 4) {
                throw corrupt("block maximum size id " + sizeId + " is not one of 4-7");
            }
            long contentSize = -1;
            if ((flg & 0x08) != 0) {
                need(in, 9, "content size");
                contentSize = in.getLong();
                if (contentSize < 0) {
                    throw corrupt("content size " + Long.toUnsignedString(contentSize) + " is too large");
                }
            }
            int length = in.position() - start;
            int checksum = in.get() & 0xFF;
            if (!ignoreChecksum) {
                int computed = (XXHASH.hash(in, start, length, 0) >>> 8) & 0xFF;
                if (computed != checksum) {
                    throw corrupt("frame descriptor checksum is 0x" + Integer.toHexString(checksum)
                        + ", computed 0x" + Integer.toHexString(computed));
                }
            }
            return new Descriptor((flg & 0x10) != 0, (flg & 0x04) != 0, contentSize, 1 << (2 * sizeId + 8));
        }
    }
}
