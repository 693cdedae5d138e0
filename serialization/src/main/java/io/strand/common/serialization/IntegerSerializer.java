package io.strand.common.serialization;

/** Writes a Integer as 4 big-endian bytes, as Apache Kafka does. Null stays null. */
public class IntegerSerializer implements Serializer<Integer> {

    @Override
    public byte[] serialize(String topic, Integer data) {
        return data == null ? null : FixedWidth.intBytes(data);
    }
}
