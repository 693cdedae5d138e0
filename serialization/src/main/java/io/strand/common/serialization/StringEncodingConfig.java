package io.strand.common.serialization;

import io.strand.common.errors.SerializationException;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;

/**
 * Reads the charset of {@link StringSerializer} and {@link StringDeserializer}: the key- or value-specific
 * setting wins over the shared one, and an absent or non-string setting keeps the current charset.
 */
final class StringEncodingConfig {

    private StringEncodingConfig() {
    }

    /**
     * @param role "serializer" or "deserializer", which picks the setting names
     *             ({@code key.<role>.encoding}, {@code value.<role>.encoding}, {@code <role>.encoding})
     */
    static Charset resolve(Map<String, ?> configs, boolean isKey, String role, Charset current) {
        String specific = (isKey ? "key." : "value.") + role + ".encoding";
        String shared = role + ".encoding";
        String setting = specific;
        Object value = configs.get(specific);
        if (value == null) {
            setting = shared;
            value = configs.get(shared);
        }
        if (!(value instanceof String name)) {
            return current;
        }
        try {
            return Charset.forName(name);
        } catch (UnsupportedCharsetException | IllegalCharsetNameException e) {
            throw new SerializationException("Unsupported encoding " + name + " (set by " + setting + ")", e);
        }
    }
}
