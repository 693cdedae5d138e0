package io.strand.common.serialization;

import io.strand.common.utils.Bytes;

/** Wraps the bytes without copying them. Null stays null. */
public class BytesDeserializer implements Deserializer<Bytes> {

    @Override
    public Bytes deserialize(String topic, byte[] data) {
        return data == null ? null : new Bytes(data);
    }
}
