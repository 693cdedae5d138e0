package io.strand.common.serialization;

/** Writes a Long as 8 big-endian bytes, as Apache Kafka does. Null stays null. */
public class LongSerializer implements Serializer<Long> {

    @Override
    public byte[] serialize(String topic, Long data) {
        return data == null ? null : FixedWidth.longBytes(data);
    }
}
