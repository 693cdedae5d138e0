package io.strand.common.compress;

import io.strand.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads GZIP members (RFC 1952) with a pooled {@link Inflater}: every header field another client
 * may set (extra, name, comment, header CRC), several members one after another, and the trailer's
 * CRC-32 and size, which are checked. Bytes after the last member that do not start a new one are
 * ignored, as GZIPInputStream does.
 */
final class GzipDecoder {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xE0;

    private static final ContextPool<Inflater> INFLATERS = new ContextPool<>(() -> new Inflater(true), Inflater::end);

    private GzipDecoder() {
    }

    static ByteBuffer decode(ByteBuffer in, int maxBytes) {
        in.order(ByteOrder.LITTLE_ENDIAN);
        DecompressionBuffer out = new DecompressionBuffer("gzip", sizeHint(in), maxBytes);
        Inflater inflater = INFLATERS.acquire();
        try {
            do {
                skipHeader(in);
                int memberStart = out.size();
                inflateMember(inflater, in, out);
                checkTrailer(in, out, memberStart);
                inflater.reset();
            } while (startsMember(in));
        } finally {
            inflater.reset();
            INFLATERS.release(inflater);
        }
        return out.toByteBuffer();
    }

    /**
     * The size the last member's trailer records, which is the whole output for the usual single
     * member, trusted only as far as deflate can expand the input (about 1032 times).
     */
    private static long sizeHint(ByteBuffer in) {
        long guess = in.remaining() * 4L;
        if (in.remaining() < GzipCompression.HEADER_SIZE + GzipCompression.TRAILER_SIZE) {
            return guess;
        }
        long trailerSize = Integer.toUnsignedLong(in.getInt(in.limit() - 4));
        return trailerSize <= in.remaining() * 1032L ? trailerSize : guess;
    }

    private static boolean startsMember(ByteBuffer in) {
        return in.remaining() >= 2 && in.get(in.position()) == 0x1f && in.get(in.position() + 1) == (byte) 0x8b;
    }

    private static void skipHeader(ByteBuffer in) {
        need(in, GzipCompression.HEADER_SIZE, "header");
        if ((in.getShort() & 0xFFFF) != 0x8b1f) {
            throw corrupt("stream does not start with the gzip magic 1f 8b");
        }
        int method = in.get() & 0xFF;
        if (method != 8) {
            throw corrupt("compression method " + method + " is not deflate (8)");
        }
        int flags = in.get() & 0xFF;
        if ((flags & RESERVED) != 0) {
            throw corrupt("header sets reserved flag bits 0x" + Integer.toHexString(flags));
        }
        in.position(in.position() + 6); // MTIME, XFL, OS
        if ((flags & FEXTRA) != 0) {
            need(in, 2, "extra field length");
            int extra = in.getShort() & 0xFFFF;
            need(in, extra, "extra field");
            in.position(in.position() + extra);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated(in, "file name");
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated(in, "comment");
        }
        if ((flags & FHCRC) != 0) {
            need(in, 2, "header CRC");
            in.position(in.position() + 2);
        }
    }

    private static void inflateMember(Inflater inflater, ByteBuffer in, DecompressionBuffer out) {
        inflater.setInput(in);
        try {
            while (!inflater.finished()) {
                if (out.room() == 0) {
                    out.grow();
                }
                int n = inflater.inflate(out.array(), out.size(), out.room());
                out.advance(n);
                if (n == 0 && !inflater.finished()) {
                    if (inflater.needsInput()) {
                        throw corrupt("deflate stream is truncated");
                    }
                    if (inflater.needsDictionary()) {
                        throw corrupt("deflate stream asks for a preset dictionary");
                    }
                    if (out.room() > 0) {
                        throw corrupt("deflate stream makes no progress");
                    }
                }
            }
        } catch (DataFormatException e) {
            throw new CorruptRecordException("Malformed gzip data: " + e.getMessage(), e);
        }
        // The inflater advanced `in` past what it read, which may include bytes after the member.
        in.position(in.limit() - inflater.getRemaining());
    }

    private static void checkTrailer(ByteBuffer in, DecompressionBuffer out, int memberStart) {
        need(in, GzipCompression.TRAILER_SIZE, "trailer");
        int expectedCrc = in.getInt();
        int expectedSize = in.getInt();
        int size = out.size() - memberStart;
        if (expectedSize != size) {
            throw corrupt("trailer says " + Integer.toUnsignedString(expectedSize) + " bytes, inflated " + size);
        }
        CRC32 crc = new CRC32();
        crc.update(out.array(), memberStart, size);
        if ((int) crc.getValue() != expectedCrc) {
            throw corrupt("CRC-32 of the inflated data is " + crc.getValue() + ", trailer says "
                + Integer.toUnsignedString(expectedCrc));
        }
    }

    private static void skipZeroTerminated(ByteBuffer in, String field) {
        while (in.hasRemaining()) {
            if (in.get() == 0) {
                return;
            }
        }
        throw corrupt("header " + field + " has no terminating zero");
    }

    private static void need(ByteBuffer in, int bytes, String what) {
        if (in.remaining() < bytes) {
            throw corrupt(what + " needs " + bytes + " bytes, " + in.remaining() + " left");
        }
    }

    private static CorruptRecordException corrupt(String detail) {
        return new CorruptRecordException("Malformed gzip data: " + detail);
    }
}
