package io.strand.common.serialization;

/**
 * Writes a Float as 4 big-endian bytes, as Apache Kafka does. Raw bits: a NaN keeps its payload. Null stays null.
 */
public class FloatSerializer implements Serializer<Float> {

    @Override
    public byte[] serialize(String topic, Float data) {
        return data == null ? null : FixedWidth.intBytes(Float.floatToRawIntBits(data));
    }
}
