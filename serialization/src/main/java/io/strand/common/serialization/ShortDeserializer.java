package io.strand.common.serialization;

import io.strand.common.header.Headers;

import java.nio.ByteBuffer;

/**
 * Reads a Short from exactly 2 big-endian bytes. Null stays null.
 *
 * @throws io.strand.common.errors.SerializationException on any other size, naming the topic and the size
 */
public class ShortDeserializer implements Deserializer<Short> {

    @Override
    public Short deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidth.checkSize("ShortDeserializer", 2, topic, data.length);
        return FixedWidth.readShort(data);
    }

    /** Reads in place at the buffer's position; the position does not move. */
    @Override
    public Short deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        FixedWidth.checkSize("ShortDeserializer", 2, topic, data.remaining());
        return data.getShort(data.position());
    }
}
