package io.strand.common.serialization;

import io.strand.common.KafkaException;
import io.strand.common.errors.SerializationException;
import io.strand.common.serialization.Serdes.ListSerde.SerializationStrategy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a list in Apache Kafka's List serde format, byte for byte:
 * <pre>
 * strategy flag (1 byte: 0 CONSTANT_SIZE, 1 VARIABLE_SIZE)
 * CONSTANT_SIZE only: null count (int32), then the index of each null entry (int32 each)
 * entry count (int32)
 * each entry: VARIABLE_SIZE: length (int32, -1 for null) then the bytes;
 *             CONSTANT_SIZE: the bytes of each non-null entry, nothing for a null one
 * </pre>
 * CONSTANT_SIZE is used when the inner serializer is exactly one of the fixed-width built-ins (Short,
 * Integer, Float, Long, Double, UUID), as in Apache. A null list stays null.
 * The inner serializer comes from the constructor or, with the no-argument constructor, from
 * {@code default.list.key.serde.inner} / {@code default.list.value.serde.inner}.
 */
public class ListSerializer<Inner> implements Serializer<List<Inner>> {

    private static final Set<Class<?>> FIXED_LENGTH_SERIALIZERS = Set.of(
            ShortSerializer.class, IntegerSerializer.class, FloatSerializer.class,
            LongSerializer.class, DoubleSerializer.class, UUIDSerializer.class);

    private Serializer<Inner> inner;
    private SerializationStrategy serStrategy;

    /** For configuration by class name; {@link #configure} then picks the inner serializer. */
    public ListSerializer() {
    }

    public ListSerializer(Serializer<Inner> inner) {
        if (inner == null) {
            throw new IllegalArgumentException("ListSerializer requires an inner serializer; got null");
        }
        this.inner = inner;
        this.serStrategy = strategyFor(inner);
    }

    public Serializer<Inner> getInnerSerializer() {
        return inner;
    }

    @SuppressWarnings("unchecked")
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (inner != null) {
            throw new KafkaException("List serializer was already initialized using a non-default constructor");
        }
        Serializer<Inner> configured = (Serializer<Inner>) InnerSerdeConfig.innerSerde(configs, isKey).serializer();
        configured.configure(configs, isKey);
        inner = configured;
        serStrategy = strategyFor(configured);
    }

    private static SerializationStrategy strategyFor(Serializer<?> inner) {
        return FIXED_LENGTH_SERIALIZERS.contains(inner.getClass())
                ? SerializationStrategy.CONSTANT_SIZE
                : SerializationStrategy.VARIABLE_SIZE;
    }

    @Override
    public byte[] serialize(String topic, List<Inner> data) {
        if (data == null) {
            return null;
        }
        if (inner == null) {
            throw new IllegalStateException("ListSerializer has no inner serializer: construct it with one or configure it first");
        }
        boolean constant = serStrategy == SerializationStrategy.CONSTANT_SIZE;
        int size = data.size();
        // Entries are serialized first so the output can be allocated once at its exact size.
        byte[][] entries = new byte[size][];
        int nulls = 0;
        int total = 1 + Integer.BYTES;
        int i = 0;
        for (Inner entry : data) {
            if (entry == null) {
                nulls++;
                total += Integer.BYTES; // its index in the null list, or its -1 length
            } else {
                byte[] bytes = inner.serialize(topic, entry);
                if (bytes == null) {
                    throw new SerializationException("Inner serializer " + inner.getClass().getName()
                            + " returned null for the non-null entry at index " + i + " of a list for topic '" + topic
                            + "'; the List serde format has no way to write that");
                }
                entries[i] = bytes;
                total += bytes.length + (constant ? 0 : Integer.BYTES);
            }
            i++;
        }
        if (constant) {
            total += Integer.BYTES; // the null count
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        out.put((byte) serStrategy.ordinal());
        if (constant) {
            out.putInt(nulls);
            for (int j = 0; j < size; j++) {
                if (entries[j] == null) {
                    out.putInt(j);
                }
            }
        }
        out.putInt(size);
        for (byte[] bytes : entries) {
            if (bytes == null) {
                if (!constant) {
                    out.putInt(Serdes.ListSerde.NULL_ENTRY_VALUE);
                }
            } else {
                if (!constant) {
                    out.putInt(bytes.length);
                }
                out.put(bytes);
            }
        }
        return out.array();
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }
}
