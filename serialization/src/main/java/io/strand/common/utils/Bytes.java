package io.strand.common.utils;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;

/**
 * An immutable-by-convention wrapper of a byte array that compares by content, so that byte arrays can be
 * map keys and sorted. Orders lexicographically with bytes taken as unsigned. Mirrors Apache Kafka's
 * {@code Bytes}; the array is not copied, so the caller must not change it afterwards.
 */
public class Bytes implements Comparable<Bytes> {

    public static final byte[] EMPTY = new byte[0];

    /** Unsigned lexicographic order of byte arrays, a shorter array first when it is a prefix of the longer. */
    public static final ByteArrayComparator BYTES_LEXICO_COMPARATOR = new LexicographicByteArrayComparator();

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private final byte[] bytes;
    // Cached; 0 means not yet computed (an array hashing to 0 is recomputed each time, harmlessly).
    private int hashCode;

    /** @return a wrapper of {@code bytes}, or null when {@code bytes} is null */
    public static Bytes wrap(byte[] bytes) {
        return bytes == null ? null : new Bytes(bytes);
    }

    public Bytes(byte[] bytes) {
        this.bytes = bytes;
        this.hashCode = 0;
    }

    /** The wrapped array itself, not a copy. */
    public byte[] get() {
        return bytes;
    }

    @Override
    public int hashCode() {
        if (hashCode == 0) {
            hashCode = Arrays.hashCode(bytes);
        }
        return hashCode;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Bytes that)) {
            return false;
        }
        return hashCode() == that.hashCode() && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int compareTo(Bytes that) {
        return BYTES_LEXICO_COMPARATOR.compare(this.bytes, that.bytes);
    }

    /** Printable ASCII as is, every other byte (and the backslash) as {@code \xHH}. */
    @Override
    public String toString() {
        if (bytes == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int ch = b & 0xFF;
            if (ch >= ' ' && ch <= '~' && ch != '\\') {
                out.append((char) ch);
            } else {
                out.append("\\x").append(HEX_DIGITS[ch >>> 4]).append(HEX_DIGITS[ch & 0x0F]);
            }
        }
        return out.toString();
    }

    /**
     * The next array of the same length in unsigned big-endian order: the input plus one.
     *
     * @throws IndexOutOfBoundsException when every byte is 0xFF, so that the result would need another byte
     */
    public static Bytes increment(Bytes input) throws IndexOutOfBoundsException {
        byte[] in = input.get();
        byte[] out = Arrays.copyOf(in, in.length);
        for (int i = out.length - 1; i >= 0; i--) {
            if (out[i] != (byte) 0xFF) {
                out[i]++;
                return new Bytes(out);
            }
            out[i] = 0;
        }
        throw new IndexOutOfBoundsException("Cannot increment " + input + ": every byte is already 0xFF");
    }

    /** A byte-array comparator that can also compare ranges of arrays. */
    public interface ByteArrayComparator extends Comparator<byte[]>, Serializable {

        int compare(byte[] buffer1, int offset1, int length1, byte[] buffer2, int offset2, int length2);
    }

    private static final class LexicographicByteArrayComparator implements ByteArrayComparator {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(byte[] buffer1, byte[] buffer2) {
            return Arrays.compareUnsigned(buffer1, buffer2);
        }

        @Override
        public int compare(byte[] buffer1, int offset1, int length1, byte[] buffer2, int offset2, int length2) {
            return Arrays.compareUnsigned(buffer1, offset1, offset1 + length1, buffer2, offset2, offset2 + length2);
        }
    }
}
