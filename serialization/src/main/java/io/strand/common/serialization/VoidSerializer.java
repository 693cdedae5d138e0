package io.strand.common.serialization;

/** For topics whose keys or values are always null: writes null whatever it is given (only null exists). */
public class VoidSerializer implements Serializer<Void> {

    @Override
    public byte[] serialize(String topic, Void data) {
        return null;
    }
}
