package io.strand.common.serialization.json;

import io.strand.common.serialization.Serdes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A {@link JsonSerializer} and a {@link JsonDeserializer} for one type, sharing one mapper. The
 * no-argument constructor is for configuration by class name: the target type then comes from
 * {@value JsonDeserializer#KEY_TYPE_CONFIG} / {@value JsonDeserializer#VALUE_TYPE_CONFIG}.
 */
public class JsonSerde<T> extends Serdes.WrapperSerde<T> {

    public JsonSerde() {
        super(new JsonSerializer<>(), new JsonDeserializer<>());
    }

    public JsonSerde(Class<T> type) {
        super(new JsonSerializer<>(), new JsonDeserializer<>(type));
    }

    public JsonSerde(TypeReference<T> type) {
        super(new JsonSerializer<>(), new JsonDeserializer<>(type));
    }

    public JsonSerde(Class<T> type, ObjectMapper mapper) {
        super(new JsonSerializer<>(mapper), new JsonDeserializer<>(type, mapper));
    }

    public JsonSerde(TypeReference<T> type, ObjectMapper mapper) {
        super(new JsonSerializer<>(mapper), new JsonDeserializer<>(type, mapper));
    }
}
