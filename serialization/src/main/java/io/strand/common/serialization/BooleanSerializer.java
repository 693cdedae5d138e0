package io.strand.common.serialization;

/** Writes one byte: 1 for true, 0 for false. Null stays null. */
public class BooleanSerializer implements Serializer<Boolean> {

    private static final byte[] TRUE = {1};
    private static final byte[] FALSE = {0};

    @Override
    public byte[] serialize(String topic, Boolean data) {
        if (data == null) {
            return null;
        }
        // A fresh copy each time: the caller owns the returned array and may write to it.
        return (data ? TRUE : FALSE).clone();
    }
}
