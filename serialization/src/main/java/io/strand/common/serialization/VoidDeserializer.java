package io.strand.common.serialization;

import io.strand.common.header.Headers;

import java.nio.ByteBuffer;

/**
 * For topics whose keys or values are always null.
 *
 * @throws IllegalArgumentException, as Apache Kafka does, when the data is not null
 */
public class VoidDeserializer implements Deserializer<Void> {

    @Override
    public Void deserialize(String topic, byte[] data) {
        if (data != null) {
            throw notNull(topic, data.length);
        }
        return null;
    }

    @Override
    public Void deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data != null) {
            throw notNull(topic, data.remaining());
        }
        return null;
    }

    private static IllegalArgumentException notNull(String topic, int size) {
        return new IllegalArgumentException("Data should be null for a VoidDeserializer; got " + size
                + " bytes for topic '" + topic + "'");
    }
}
