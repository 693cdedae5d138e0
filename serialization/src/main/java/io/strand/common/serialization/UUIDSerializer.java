package io.strand.common.serialization;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a UUID as its 36-character text form, in UTF-8 or the charset named by the same settings as
 * {@link StringSerializer}. Null stays null. An unknown charset fails in {@link #configure}, naming the
 * setting (Apache Kafka only fails at the first record).
 */
public class UUIDSerializer implements Serializer<UUID> {

    private Charset encoding = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = StringEncodingConfig.resolve(configs, isKey, "serializer", encoding);
    }

    @Override
    public byte[] serialize(String topic, UUID data) {
        return data == null ? null : data.toString().getBytes(encoding);
    }
}
