package io.strand.common.serialization;

/**
 * Writes a Double as 8 big-endian bytes, as Apache Kafka does. Like Apache, every NaN is written as the
 * canonical NaN (doubleToLongBits), unlike FloatSerializer which keeps raw bits. Null stays null.
 */
public class DoubleSerializer implements Serializer<Double> {

    @Override
    public byte[] serialize(String topic, Double data) {
        return data == null ? null : FixedWidth.longBytes(Double.doubleToLongBits(data));
    }
}
