package io.strand.common.serialization;

import io.strand.common.errors.SerializationException;
import io.strand.common.header.Headers;

import java.nio.ByteBuffer;

/**
 * Reads one byte: 1 is true, 0 is false, anything else is an error. Null stays null.
 *
 * @throws SerializationException on a size other than 1 or a byte other than 0 and 1, naming the topic
 */
public class BooleanDeserializer implements Deserializer<Boolean> {

    @Override
    public Boolean deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidth.checkSize("BooleanDeserializer", 1, topic, data.length);
        return decode(topic, data[0]);
    }

    @Override
    public Boolean deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        FixedWidth.checkSize("BooleanDeserializer", 1, topic, data.remaining());
        return decode(topic, data.get(data.position()));
    }

    private static Boolean decode(String topic, byte b) {
        if (b == 1) {
            return Boolean.TRUE;
        }
        if (b == 0) {
            return Boolean.FALSE;
        }
        throw new SerializationException("Unexpected byte received by BooleanDeserializer for topic '" + topic + "': " + b);
    }
}
