package io.strand.common.serialization;

import io.strand.common.errors.SerializationException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian reads and writes of fixed-width numbers in byte arrays, and the size check the numeric
 * deserializers share. VarHandles compile to single loads and stores, with no wrapper buffer.
 */
final class FixedWidth {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private FixedWidth() {
    }

    static byte[] shortBytes(short value) {
        byte[] out = new byte[Short.BYTES];
        SHORT.set(out, 0, value);
        return out;
    }

    static byte[] intBytes(int value) {
        byte[] out = new byte[Integer.BYTES];
        INT.set(out, 0, value);
        return out;
    }

    static byte[] longBytes(long value) {
        byte[] out = new byte[Long.BYTES];
        LONG.set(out, 0, value);
        return out;
    }

    static short readShort(byte[] data) {
        return (short) SHORT.get(data, 0);
    }

    static int readInt(byte[] data) {
        return (int) INT.get(data, 0);
    }

    static long readLong(byte[] data) {
        return (long) LONG.get(data, 0);
    }

    /**
     * @throws SerializationException naming the deserializer, the topic and the size received
     *                                when {@code actual} is not {@code expected}
     */
    static void checkSize(String deserializer, int expected, String topic, int actual) {
        if (actual != expected) {
            throw new SerializationException("Size of data received by " + deserializer + " is not " + expected
                    + " for topic '" + topic + "': got " + actual + " bytes");
        }
    }
}
