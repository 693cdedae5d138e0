package io.strand.common.serialization.json;

import io.strand.common.errors.SerializationException;
import io.strand.common.serialization.Serializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Objects;

/**
 * Writes any Jackson-serializable value (records, beans, maps, lists, java.time types, ...) as UTF-8 JSON.
 * Null stays null: a null key or value, not the JSON literal {@code null}.
 *
 * <p>Without a mapper of your own, a shared default one writes java.time values as ISO-8601 text.
 * Pass an {@link ObjectMapper} to choose modules and features yourself; it must not be reconfigured
 * while the serializer is in use.
 */
public class JsonSerializer<T> implements Serializer<T> {

    private final ObjectMapper mapper;

    public JsonSerializer() {
        this(JsonMappers.DEFAULT);
    }

    public JsonSerializer(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new SerializationException("Could not write a " + data.getClass().getName() + " as JSON for topic '"
                    + topic + "': " + e.getOriginalMessage(), e);
        }
    }
}
