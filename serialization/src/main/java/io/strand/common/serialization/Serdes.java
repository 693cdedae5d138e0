package io.strand.common.serialization;

import java.util.Map;
import java.util.Objects;

/** Factory for the built-in serdes. Mirrors Apache Kafka's {@code Serdes}. */
public class Serdes {

    /** A serde made of a separately built serializer and deserializer; configure and close reach both. */
    public static class WrapperSerde<T> implements Serde<T> {
        private final Serializer<T> serializer;
        private final Deserializer<T> deserializer;

        public WrapperSerde(Serializer<T> serializer, Deserializer<T> deserializer) {
            this.serializer = serializer;
            this.deserializer = deserializer;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            serializer.configure(configs, isKey);
            deserializer.configure(configs, isKey);
        }

        @Override
        public void close() {
            serializer.close();
            deserializer.close();
        }

        @Override
        public Serializer<T> serializer() {
            return serializer;
        }

        @Override
        public Deserializer<T> deserializer() {
            return deserializer;
        }
    }

    public static final class StringSerde extends WrapperSerde<String> {
        public StringSerde() {
            super(new StringSerializer(), new StringDeserializer());
        }
    }

    public static final class ByteArraySerde extends WrapperSerde<byte[]> {
        public ByteArraySerde() {
            super(new ByteArraySerializer(), new ByteArrayDeserializer());
        }
    }

    /**
     * The built-in serde for {@code type}.
     *
     * @throws IllegalArgumentException if no built-in serde handles {@code type}
     */
    @SuppressWarnings("unchecked")
    public static <T> Serde<T> serdeFrom(Class<T> type) {
        if (String.class.isAssignableFrom(type)) {
            return (Serde<T>) String();
        }
        if (byte[].class.isAssignableFrom(type)) {
            return (Serde<T>) ByteArray();
        }
        throw new IllegalArgumentException("Unknown class for built-in serializer. Supported types are: "
                + "String, Short, Integer, Long, Float, Double, ByteArray, ByteBuffer, Bytes, UUID, Boolean, Void; got "
                + type.getName());
    }

    /** Pairs a serializer and a deserializer into one serde. */
    public static <T> Serde<T> serdeFrom(final Serializer<T> serializer, final Deserializer<T> deserializer) {
        Objects.requireNonNull(serializer, "serializer must not be null");
        Objects.requireNonNull(deserializer, "deserializer must not be null");
        return new WrapperSerde<>(serializer, deserializer);
    }

    public static Serde<String> String() {
        return new StringSerde();
    }

    public static Serde<byte[]> ByteArray() {
        return new ByteArraySerde();
    }
}
