package io.strand.common.serialization;

import java.nio.ByteBuffer;

/**
 * Writes the bytes from index 0 to the buffer's limit, ignoring its position, and leaves the buffer
 * rewound (position 0). This is Apache Kafka 4.x's behaviour, kept so that the same buffer produces the
 * same record bytes with either client: flip a buffer you have written before handing it over.
 * A heap buffer whose backing array is exactly its content is returned without a copy. Null stays null.
 */
public class ByteBufferSerializer implements Serializer<ByteBuffer> {

    @Override
    public byte[] serialize(String topic, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        data.rewind();
        if (data.hasArray()) {
            byte[] array = data.array();
            if (data.arrayOffset() == 0 && array.length == data.remaining()) {
                return array;
            }
        }
        byte[] out = new byte[data.remaining()];
        data.get(out, 0, out.length);
        data.rewind();
        return out;
    }
}
