package io.strand.common.utils;

import java.nio.ByteBuffer;

/**
 * Small functions shared by the modules. murmur2 and toPositive must match Apache Kafka's bit
 * for bit, because their results cross client boundaries: a key's partition is
 * {@code toPositive(murmur2(key)) % partitions} in every Kafka client, so a record keyed by
 * Strand lands where Apache's producer would put it.
 */
public final class Utils {

    private static final int MURMUR2_SEED = 0x9747b28c;
    private static final int MURMUR2_M = 0x5bd1e995;
    private static final int MURMUR2_R = 24;

    private Utils() {
    }

    /** The 32-bit MurmurHash2 of {@code data} with Kafka's seed, reading 4-byte blocks little-endian. */
    public static int murmur2(byte[] data) {
        int length = data.length;
        int h = MURMUR2_SEED ^ length;
        int blocksEnd = length & ~3;
        for (int i = 0; i < blocksEnd; i += 4) {
            int k = (data[i] & 0xff)
                | (data[i + 1] & 0xff) << 8
                | (data[i + 2] & 0xff) << 16
                | (data[i + 3] & 0xff) << 24;
            k *= MURMUR2_M;
            k ^= k >>> MURMUR2_R;
            k *= MURMUR2_M;
            h = h * MURMUR2_M ^ k;
        }
        int tail = length - blocksEnd;
        if (tail > 0) {
            // The last one to three bytes, mixed in as one partial block.
            if (tail == 3) {
                h ^= (data[blocksEnd + 2] & 0xff) << 16;
            }
            if (tail >= 2) {
                h ^= (data[blocksEnd + 1] & 0xff) << 8;
            }
            h ^= data[blocksEnd] & 0xff;
            h *= MURMUR2_M;
        }
        h ^= h >>> 13;
        h *= MURMUR2_M;
        h ^= h >>> 15;
        return h;
    }

    /**
     * Clears the sign bit. Not {@code Math.abs}: that leaves {@code Integer.MIN_VALUE} negative, and
     * Kafka's partitioners have always masked instead, so the same hash maps to the same partition.
     */
    public static int toPositive(int number) {
        return number & 0x7fffffff;
    }

    /**
     * The bytes between the buffer's position and limit in a new array, leaving the position
     * alone (the absolute get makes no duplicate, which matters once per consumed record); null
     * for null.
     */
    public static byte[] toNullableArray(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.get(buffer.position(), out);
        return out;
    }
}
