package io.strand.common.serialization;

/** Writes a Short as 2 big-endian bytes, as Apache Kafka does. Null stays null. */
public class ShortSerializer implements Serializer<Short> {

    @Override
    public byte[] serialize(String topic, Short data) {
        return data == null ? null : FixedWidth.shortBytes(data);
    }
}
