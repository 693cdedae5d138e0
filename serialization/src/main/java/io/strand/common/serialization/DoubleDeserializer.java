package io.strand.common.serialization;

import io.strand.common.header.Headers;

import java.nio.ByteBuffer;

/**
 * Reads a Double from exactly 8 big-endian bytes. Null stays null.
 *
 * @throws io.strand.common.errors.SerializationException on any other size, naming the topic and the size
 */
public class DoubleDeserializer implements Deserializer<Double> {

    @Override
    public Double deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidth.checkSize("DoubleDeserializer", 8, topic, data.length);
        return Double.longBitsToDouble(FixedWidth.readLong(data));
    }

    /** Reads in place at the buffer's position; the position does not move. */
    @Override
    public Double deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        FixedWidth.checkSize("DoubleDeserializer", 8, topic, data.remaining());
        return data.getDouble(data.position());
    }
}
