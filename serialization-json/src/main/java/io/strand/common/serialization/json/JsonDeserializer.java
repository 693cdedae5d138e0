package io.strand.common.serialization.json;

import io.strand.common.KafkaException;
import io.strand.common.errors.SerializationException;
import io.strand.common.header.Headers;
import io.strand.common.serialization.Deserializer;
import io.strand.common.utils.Utils;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * Reads UTF-8 JSON into a target type. Null stays null.
 *
 * <p>The target type comes from the constructor (a {@code Class} or, for generic types such as
 * {@code List<Order>}, a Jackson {@link TypeReference}) or, with the no-argument constructor, from the
 * setting {@value #KEY_TYPE_CONFIG} or {@value #VALUE_TYPE_CONFIG}: a Class, a class name, a
 * TypeReference or a JavaType. A type given to the constructor wins over the setting. With neither, JSON is
 * read into plain Java values: Map, List, String, Number, Boolean.
 *
 * <p>Without a mapper of your own, a shared default one reads java.time values from ISO-8601 text,
 * ignores properties the target type lacks, and rejects anything after the JSON value.
 *
 * @throws SerializationException from {@code deserialize} when the data is not JSON or does not fit the
 *                                type, naming the topic, the type and Jackson's reason
 */
public class JsonDeserializer<T> implements Deserializer<T> {

    /** The target type of record keys: a Class, a class name, a TypeReference or a JavaType. */
    public static final String KEY_TYPE_CONFIG = "json.key.type";
    /** The target type of record values: a Class, a class name, a TypeReference or a JavaType. */
    public static final String VALUE_TYPE_CONFIG = "json.value.type";

    private final ObjectMapper mapper;
    private final boolean typeFromConstructor;
    private ObjectReader reader;
    private JavaType type;

    public JsonDeserializer() {
        this(JsonMappers.DEFAULT);
    }

    public JsonDeserializer(ObjectMapper mapper) {
        this(mapper, mapper.constructType(Object.class), false);
    }

    public JsonDeserializer(Class<T> type) {
        this(type, JsonMappers.DEFAULT);
    }

    public JsonDeserializer(Class<T> type, ObjectMapper mapper) {
        this(mapper, mapper.constructType(Objects.requireNonNull(type, "type")), true);
    }

    public JsonDeserializer(TypeReference<T> type) {
        this(type, JsonMappers.DEFAULT);
    }

    public JsonDeserializer(TypeReference<T> type, ObjectMapper mapper) {
        this(mapper, mapper.constructType(Objects.requireNonNull(type, "type")), true);
    }

    private JsonDeserializer(ObjectMapper mapper, JavaType type, boolean typeFromConstructor) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.typeFromConstructor = typeFromConstructor;
        use(type);
    }

    private void use(JavaType target) {
        this.type = target;
        this.reader = mapper.readerFor(target);
    }

    /** Reads the target type from {@value #KEY_TYPE_CONFIG} or {@value #VALUE_TYPE_CONFIG} unless the constructor gave one. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (typeFromConstructor) {
            return;
        }
        String setting = isKey ? KEY_TYPE_CONFIG : VALUE_TYPE_CONFIG;
        Object value = configs.get(setting);
        if (value != null) {
            use(typeOf(setting, value));
        }
    }

    private JavaType typeOf(String setting, Object value) {
        if (value instanceof JavaType javaType) {
            return javaType;
        }
        if (value instanceof TypeReference<?> reference) {
            return mapper.constructType(reference);
        }
        if (value instanceof Class<?> cls) {
            return mapper.constructType(cls);
        }
        if (value instanceof String name) {
            return mapper.constructType(load(setting, name.trim()));
        }
        throw new KafkaException("Invalid value " + value + " for configuration " + setting
                + ": expected a Class, a class name, a TypeReference or a JavaType, got a " + value.getClass().getName());
    }

    private static Class<?> load(String setting, String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(name, true, context != null ? context : JsonDeserializer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new KafkaException("Invalid value " + name + " for configuration " + setting
                    + ": class could not be found", e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : read(topic, data, 0, data.length);
    }

    /** Parses a heap buffer in place, without copying the frame out. */
    @Override
    public T deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray()) {
            return read(topic, data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        byte[] copy = Utils.toNullableArray(data);
        return read(topic, copy, 0, copy.length);
    }

    private T read(String topic, byte[] data, int offset, int length) {
        try {
            return reader.readValue(data, offset, length);
        } catch (IOException e) {
            throw new SerializationException("Could not read JSON for topic '" + topic + "' as " + type.toCanonical()
                    + ": " + reason(e), e);
        }
    }

    /** Jackson's message without its source excerpt, plus where in the data it stopped. */
    private static String reason(IOException e) {
        if (e instanceof JacksonException jackson && jackson.getOriginalMessage() != null) {
            JsonLocation at = jackson.getLocation();
            return at == null || at.getLineNr() < 1
                    ? jackson.getOriginalMessage()
                    : jackson.getOriginalMessage() + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return e.getMessage();
    }

    /** The type this deserializer reads into. */
    public JavaType targetType() {
        return type;
    }
}
