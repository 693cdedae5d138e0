package io.strand.common.serialization;

import io.strand.common.header.Headers;

import java.nio.ByteBuffer;

/** Wraps the bytes in a buffer without copying them. Null stays null. */
public class ByteBufferDeserializer implements Deserializer<ByteBuffer> {

    @Override
    public ByteBuffer deserialize(String topic, byte[] data) {
        return data == null ? null : ByteBuffer.wrap(data);
    }

    /** Hands back the given buffer itself: its position and limit already frame the value. */
    @Override
    public ByteBuffer deserialize(String topic, Headers headers, ByteBuffer data) {
        return data;
    }
}
