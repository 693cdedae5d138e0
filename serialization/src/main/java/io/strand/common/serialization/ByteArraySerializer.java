package io.strand.common.serialization;

/** Passes a byte array through unchanged (no copy). Null stays null. */
public class ByteArraySerializer implements Serializer<byte[]> {

    @Override
    public byte[] serialize(String topic, byte[] data) {
        return data;
    }
}
