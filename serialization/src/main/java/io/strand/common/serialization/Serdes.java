package io.strand.common.serialization;

import io.strand.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    public static final class VoidSerde extends WrapperSerde<Void> {
        public VoidSerde() {
            super(new VoidSerializer(), new VoidDeserializer());
        }
    }

    public static final class LongSerde extends WrapperSerde<Long> {
        public LongSerde() {
            super(new LongSerializer(), new LongDeserializer());
        }
    }

    public static final class IntegerSerde extends WrapperSerde<Integer> {
        public IntegerSerde() {
            super(new IntegerSerializer(), new IntegerDeserializer());
        }
    }

    public static final class ShortSerde extends WrapperSerde<Short> {
        public ShortSerde() {
            super(new ShortSerializer(), new ShortDeserializer());
        }
    }

    public static final class FloatSerde extends WrapperSerde<Float> {
        public FloatSerde() {
            super(new FloatSerializer(), new FloatDeserializer());
        }
    }

    public static final class DoubleSerde extends WrapperSerde<Double> {
        public DoubleSerde() {
            super(new DoubleSerializer(), new DoubleDeserializer());
        }
    }

    public static final class StringSerde extends WrapperSerde<String> {
        public StringSerde() {
            super(new StringSerializer(), new StringDeserializer());
        }
    }

    public static final class ByteBufferSerde extends WrapperSerde<ByteBuffer> {
        public ByteBufferSerde() {
            super(new ByteBufferSerializer(), new ByteBufferDeserializer());
        }
    }

    public static final class BytesSerde extends WrapperSerde<Bytes> {
        public BytesSerde() {
            super(new BytesSerializer(), new BytesDeserializer());
        }
    }

    public static final class ByteArraySerde extends WrapperSerde<byte[]> {
        public ByteArraySerde() {
            super(new ByteArraySerializer(), new ByteArrayDeserializer());
        }
    }

    public static final class UUIDSerde extends WrapperSerde<UUID> {
        public UUIDSerde() {
            super(new UUIDSerializer(), new UUIDDeserializer());
        }
    }

    public static final class BooleanSerde extends WrapperSerde<Boolean> {
        public BooleanSerde() {
            super(new BooleanSerializer(), new BooleanDeserializer());
        }
    }

    /**
     * Lists of one inner type, in Apache Kafka's List serde format (see {@link ListSerializer}). The
     * no-argument constructor is for configuration by class name: the list class and inner serde then come
     * from {@code default.list.key.serde.type} / {@code default.list.value.serde.type} and
     * {@code default.list.key.serde.inner} / {@code default.list.value.serde.inner}.
     */
    public static final class ListSerde<Inner> extends WrapperSerde<List<Inner>> {

        /** The length written in place of a null entry in the VARIABLE_SIZE strategy. */
        static final int NULL_ENTRY_VALUE = -1;

        /** The first byte of a serialized list; the ordinal is what goes on the wire. */
        public enum SerializationStrategy {
            CONSTANT_SIZE,
            VARIABLE_SIZE;

            public static final SerializationStrategy[] VALUES = values();
        }

        public ListSerde() {
            super(new ListSerializer<>(), new ListDeserializer<>());
        }

        public <L extends List<Inner>> ListSerde(Class<L> listClass, Serde<Inner> serde) {
            super(new ListSerializer<>(serde.serializer()), new ListDeserializer<>(listClass, serde.deserializer()));
        }
    }

    /**
     * The built-in serde for {@code type}: String, Short, Integer, Long, Float, Double, byte[], ByteBuffer,
     * Bytes, UUID or Boolean (and their subclasses, as in Apache Kafka).
     *
     * @throws IllegalArgumentException for any other type
     */
    @SuppressWarnings("unchecked")
    public static <T> Serde<T> serdeFrom(Class<T> type) {
        if (String.class.isAssignableFrom(type)) {
            return (Serde<T>) String();
        }
        if (Short.class.isAssignableFrom(type)) {
            return (Serde<T>) Short();
        }
        if (Integer.class.isAssignableFrom(type)) {
            return (Serde<T>) Integer();
        }
        if (Long.class.isAssignableFrom(type)) {
            return (Serde<T>) Long();
        }
        if (Float.class.isAssignableFrom(type)) {
            return (Serde<T>) Float();
        }
        if (Double.class.isAssignableFrom(type)) {
            return (Serde<T>) Double();
        }
        if (byte[].class.isAssignableFrom(type)) {
            return (Serde<T>) ByteArray();
        }
        if (ByteBuffer.class.isAssignableFrom(type)) {
            return (Serde<T>) ByteBuffer();
        }
        if (Bytes.class.isAssignableFrom(type)) {
            return (Serde<T>) Bytes();
        }
        if (UUID.class.isAssignableFrom(type)) {
            return (Serde<T>) UUID();
        }
        if (Boolean.class.isAssignableFrom(type)) {
            return (Serde<T>) Boolean();
        }
        throw new IllegalArgumentException("Unknown class for built-in serializer: " + type.getName()
                + ". Supported types are: String, Short, Integer, Long, Float, Double, ByteArray, ByteBuffer, Bytes, UUID, Boolean");
    }

    /**
     * Pairs a serializer and a deserializer into one serde.
     *
     * @throws IllegalArgumentException if either is null
     */
    public static <T> Serde<T> serdeFrom(final Serializer<T> serializer, final Deserializer<T> deserializer) {
        if (serializer == null) {
            throw new IllegalArgumentException("serializer must not be null");
        }
        if (deserializer == null) {
            throw new IllegalArgumentException("deserializer must not be null");
        }
        return new WrapperSerde<>(serializer, deserializer);
    }

    public static Serde<Long> Long() {
        return new LongSerde();
    }

    public static Serde<Integer> Integer() {
        return new IntegerSerde();
    }

    public static Serde<Short> Short() {
        return new ShortSerde();
    }

    public static Serde<Float> Float() {
        return new FloatSerde();
    }

    public static Serde<Double> Double() {
        return new DoubleSerde();
    }

    public static Serde<String> String() {
        return new StringSerde();
    }

    public static Serde<ByteBuffer> ByteBuffer() {
        return new ByteBufferSerde();
    }

    public static Serde<Bytes> Bytes() {
        return new BytesSerde();
    }

    public static Serde<UUID> UUID() {
        return new UUIDSerde();
    }

    public static Serde<Boolean> Boolean() {
        return new BooleanSerde();
    }

    public static Serde<byte[]> ByteArray() {
        return new ByteArraySerde();
    }

    /** A serde that only ever writes and reads null. */
    public static Serde<Void> Void() {
        return new VoidSerde();
    }

    /** Lists of {@code innerSerde}'s type, read back as instances of {@code listClass}. */
    public static <L extends List<Inner>, Inner> Serde<List<Inner>> ListSerde(Class<L> listClass, Serde<Inner> innerSerde) {
        return new ListSerde<>(listClass, innerSerde);
    }
}
