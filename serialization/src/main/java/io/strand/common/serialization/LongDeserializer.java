package io.strand.common.serialization;

import io.strand.common.header.Headers;

import java.nio.ByteBuffer;

/**
 * Reads a Long from exactly 8 big-endian bytes. Null stays null.
 *
 * @throws io.strand.common.errors.SerializationException on any other size, naming the topic and the size
 */
public class LongDeserializer implements Deserializer<Long> {

    @Override
    public Long deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidth.checkSize("LongDeserializer", 8, topic, data.length);
        return FixedWidth.readLong(data);
    }

    /** Reads in place at the buffer's position; the position does not move. */
    @Override
    public Long deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        FixedWidth.checkSize("LongDeserializer", 8, topic, data.remaining());
        return data.getLong(data.position());
    }
}
