package io.strand.common.utils;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * Variable-length integers as Kafka encodes them: unsigned varints (LEB128, at most 5 bytes for
 * an int and 10 for a long) and signed ones in zigzag form. Readers bound the number of bytes
 * they consume, so a malicious run of continuation bits cannot loop or overflow silently.
 */
public final class ByteUtils {

    private ByteUtils() {
    }

    public static void writeUnsignedVarint(int value, ByteBuf out) {
        while ((value & 0xFFFFFF80) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    public static void writeUnsignedVarint(int value, ByteBuffer out) {
        while ((value & 0xFFFFFF80) != 0) {
            out.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    public static void writeVarint(int value, ByteBuf out) {
        writeUnsignedVarint((value << 1) ^ (value >> 31), out);
    }

    public static void writeVarint(int value, ByteBuffer out) {
        writeUnsignedVarint((value << 1) ^ (value >> 31), out);
    }

    public static void writeUnsignedVarlong(long value, ByteBuf out) {
        while ((value & 0xFFFFFFFFFFFFFF80L) != 0L) {
            out.writeByte(((int) value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    public static void writeUnsignedVarlong(long value, ByteBuffer out) {
        while ((value & 0xFFFFFFFFFFFFFF80L) != 0L) {
            out.put((byte) (((int) value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    public static void writeVarlong(long value, ByteBuf out) {
        writeUnsignedVarlong((value << 1) ^ (value >> 63), out);
    }

    public static void writeVarlong(long value, ByteBuffer out) {
        writeUnsignedVarlong((value << 1) ^ (value >> 63), out);
    }

    /** @throws IllegalArgumentException if the bytes end early or the value needs more than 5 bytes */
    public static int readUnsignedVarint(ByteBuf in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!in.isReadable()) {
                throw new IllegalArgumentException("varint ends early: the frame has no more bytes");
            }
            int b = in.readByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 28 && (b & 0x70) != 0) {
                    throw new IllegalArgumentException("varint does not fit in 32 bits");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("varint is longer than 5 bytes");
    }

    public static int readUnsignedVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException("varint ends early: the buffer has no more bytes");
            }
            int b = in.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 28 && (b & 0x70) != 0) {
                    throw new IllegalArgumentException("varint does not fit in 32 bits");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("varint is longer than 5 bytes");
    }

    public static int readVarint(ByteBuf in) {
        int raw = readUnsignedVarint(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    public static int readVarint(ByteBuffer in) {
        int raw = readUnsignedVarint(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    public static long readUnsignedVarlong(ByteBuf in) {
        long value = 0L;
        for (int shift = 0; shift < 70; shift += 7) {
            if (!in.isReadable()) {
                throw new IllegalArgumentException("varlong ends early: the frame has no more bytes");
            }
            long b = in.readByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 63 && (b & 0x7E) != 0) {
                    throw new IllegalArgumentException("varlong does not fit in 64 bits");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("varlong is longer than 10 bytes");
    }

    public static long readUnsignedVarlong(ByteBuffer in) {
        long value = 0L;
        for (int shift = 0; shift < 70; shift += 7) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException("varlong ends early: the buffer has no more bytes");
            }
            long b = in.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 63 && (b & 0x7E) != 0) {
                    throw new IllegalArgumentException("varlong does not fit in 64 bits");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("varlong is longer than 10 bytes");
    }

    public static long readVarlong(ByteBuf in) {
        long raw = readUnsignedVarlong(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    public static long readVarlong(ByteBuffer in) {
        long raw = readUnsignedVarlong(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    public static int sizeOfUnsignedVarint(int value) {
        // 1 byte per started group of 7 bits; 0 still takes one byte.
        int bits = 32 - Integer.numberOfLeadingZeros(value);
        return bits == 0 ? 1 : (bits + 6) / 7;
    }

    public static int sizeOfVarint(int value) {
        return sizeOfUnsignedVarint((value << 1) ^ (value >> 31));
    }

    public static int sizeOfUnsignedVarlong(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value);
        return bits == 0 ? 1 : (bits + 6) / 7;
    }

    public static int sizeOfVarlong(long value) {
        return sizeOfUnsignedVarlong((value << 1) ^ (value >> 63));
    }
}
