package io.strand.common.serialization;

import io.strand.common.header.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decodes UTF-8, or the charset named by {@code key.deserializer.encoding} /
 * {@code value.deserializer.encoding} (falling back to {@code deserializer.encoding}). Null stays null.
 */
public class StringDeserializer implements Deserializer<String> {

    private Charset encoding = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = StringEncodingConfig.resolve(configs, isKey, "deserializer", encoding);
    }

    @Override
    public String deserialize(String topic, byte[] data) {
        return data == null ? null : new String(data, encoding);
    }

    /** Decodes straight from a heap buffer's backing array: no intermediate copy. */
    @Override
    public String deserialize(String topic, Headers headers, ByteBuffer data) {
        return data == null ? null : BufferBytes.decode(data, encoding);
    }
}
