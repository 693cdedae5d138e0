package io.strand.common.serialization;

import io.strand.common.utils.Bytes;

/** Writes the wrapped array itself, without a copy. Null stays null. */
public class BytesSerializer implements Serializer<Bytes> {

    @Override
    public byte[] serialize(String topic, Bytes data) {
        return data == null ? null : data.get();
    }
}
