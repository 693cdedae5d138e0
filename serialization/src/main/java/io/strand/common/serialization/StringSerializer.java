package io.strand.common.serialization;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encodes a String in UTF-8, or in the charset named by {@code key.serializer.encoding} /
 * {@code value.serializer.encoding} (falling back to {@code serializer.encoding}). Null stays null.
 */
public class StringSerializer implements Serializer<String> {

    private Charset encoding = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = StringEncodingConfig.resolve(configs, isKey, "serializer", encoding);
    }

    @Override
    public byte[] serialize(String topic, String data) {
        return data == null ? null : data.getBytes(encoding);
    }
}
