package io.strand.common.serialization;

import io.strand.common.header.Headers;

import java.nio.ByteBuffer;

/**
 * Reads a Float from exactly 4 big-endian bytes. Null stays null.
 *
 * @throws io.strand.common.errors.SerializationException on any other size, naming the topic and the size
 */
public class FloatDeserializer implements Deserializer<Float> {

    @Override
    public Float deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidth.checkSize("FloatDeserializer", 4, topic, data.length);
        return Float.intBitsToFloat(FixedWidth.readInt(data));
    }

    /** Reads in place at the buffer's position; the position does not move. */
    @Override
    public Float deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        FixedWidth.checkSize("FloatDeserializer", 4, topic, data.remaining());
        return data.getFloat(data.position());
    }
}
