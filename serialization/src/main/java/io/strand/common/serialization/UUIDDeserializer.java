package io.strand.common.serialization;

import io.strand.common.errors.SerializationException;
import io.strand.common.header.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a UUID from its text form, in UTF-8 or the charset named by the same settings as
 * {@link StringDeserializer}. Null stays null.
 *
 * @throws SerializationException when the text is not a UUID, naming the topic and carrying the parse error
 */
public class UUIDDeserializer implements Deserializer<UUID> {

    private Charset encoding = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = StringEncodingConfig.resolve(configs, isKey, "deserializer", encoding);
    }

    @Override
    public UUID deserialize(String topic, byte[] data) {
        return data == null ? null : parse(topic, new String(data, encoding));
    }

    @Override
    public UUID deserialize(String topic, Headers headers, ByteBuffer data) {
        return data == null ? null : parse(topic, BufferBytes.decode(data, encoding));
    }

    private static UUID parse(String topic, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Error parsing data into UUID for topic '" + topic + "'", e);
        }
    }
}
