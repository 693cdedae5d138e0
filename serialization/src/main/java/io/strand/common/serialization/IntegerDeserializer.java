package io.strand.common.serialization;

import io.strand.common.header.Headers;

import java.nio.ByteBuffer;

/**
 * Reads a Integer from exactly 4 big-endian bytes. Null stays null.
 *
 * @throws io.strand.common.errors.SerializationException on any other size, naming the topic and the size
 */
public class IntegerDeserializer implements Deserializer<Integer> {

    @Override
    public Integer deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidth.checkSize("IntegerDeserializer", 4, topic, data.length);
        return FixedWidth.readInt(data);
    }

    /** Reads in place at the buffer's position; the position does not move. */
    @Override
    public Integer deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        FixedWidth.checkSize("IntegerDeserializer", 4, topic, data.remaining());
        return data.getInt(data.position());
    }
}
