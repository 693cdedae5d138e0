package io.strand.common.serialization;

import io.strand.common.KafkaException;
import io.strand.common.errors.SerializationException;
import io.strand.common.serialization.Serdes.ListSerde.SerializationStrategy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads lists written by {@link ListSerializer} or by Apache Kafka's (the format is described there).
 * The list class and the inner deserializer come from the constructor or, with the no-argument
 * constructor, from {@code default.list.key.serde.type} / {@code default.list.value.serde.type} and
 * {@code default.list.key.serde.inner} / {@code default.list.value.serde.inner}. The list is created
 * through the class's {@code (int capacity)} constructor when it has one, else its no-argument one.
 * Null stays null.
 */
public class ListDeserializer<Inner> implements Deserializer<List<Inner>> {

    /** Entry widths for CONSTANT_SIZE lists, by exact inner deserializer class. A UUID is 36 characters. */
    private static final Map<Class<?>, Integer> FIXED_LENGTH_DESERIALIZERS = Map.of(
            ShortDeserializer.class, Short.BYTES,
            IntegerDeserializer.class, Integer.BYTES,
            FloatDeserializer.class, Float.BYTES,
            LongDeserializer.class, Long.BYTES,
            DoubleDeserializer.class, Double.BYTES,
            UUIDDeserializer.class, 36);

    private Deserializer<Inner> inner;
    private Class<?> listClass;
    private Integer primitiveSize;

    /** For configuration by class name; {@link #configure} then picks the list class and inner deserializer. */
    public ListDeserializer() {
    }

    public <L extends List<Inner>> ListDeserializer(Class<L> listClass, Deserializer<Inner> inner) {
        if (listClass == null || inner == null) {
            throw new IllegalArgumentException("ListDeserializer requires both a list class and an inner deserializer; got listClass="
                    + listClass + ", inner=" + inner);
        }
        this.listClass = listClass;
        this.inner = inner;
        this.primitiveSize = FIXED_LENGTH_DESERIALIZERS.get(inner.getClass());
    }

    public Deserializer<Inner> innerDeserializer() {
        return inner;
    }

    @SuppressWarnings("unchecked")
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (listClass != null || inner != null) {
            throw new KafkaException("List deserializer was already initialized using a non-default constructor");
        }
        Class<?> configuredListClass = InnerSerdeConfig.listClass(configs, isKey);
        if (!List.class.isAssignableFrom(configuredListClass)) {
            throw new KafkaException("Invalid value " + configuredListClass.getName() + " for configuration "
                    + (isKey ? InnerSerdeConfig.KEY_TYPE : InnerSerdeConfig.VALUE_TYPE) + ": not a java.util.List");
        }
        Deserializer<Inner> configured = (Deserializer<Inner>) InnerSerdeConfig.innerSerde(configs, isKey).deserializer();
        configured.configure(configs, isKey);
        listClass = configuredListClass;
        inner = configured;
        primitiveSize = FIXED_LENGTH_DESERIALIZERS.get(configured.getClass());
    }

    @Override
    public List<Inner> deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (inner == null) {
            throw new IllegalStateException("ListDeserializer has no inner deserializer: construct it with one or configure it first");
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            SerializationStrategy strategy = strategy(topic, in.get());
            int[] nullIndexes = strategy == SerializationStrategy.CONSTANT_SIZE ? nullIndexes(topic, in) : null;
            int size = count(topic, in, "entry count");
            // The capacity is bounded by what the data could hold, so a corrupt count cannot exhaust memory.
            int nullCount = nullIndexes == null ? 0 : nullIndexes.length;
            List<Inner> list = newList(Math.min(size, in.remaining() + nullCount));
            int nextNull = 0;
            for (int i = 0; i < size; i++) {
                int entrySize;
                if (nullIndexes != null) {
                    while (nextNull < nullIndexes.length && nullIndexes[nextNull] < i) {
                        nextNull++;
                    }
                    if (nextNull < nullIndexes.length && nullIndexes[nextNull] == i) {
                        list.add(null);
                        continue;
                    }
                    entrySize = constantSize(topic);
                } else {
                    entrySize = in.getInt();
                    if (entrySize == Serdes.ListSerde.NULL_ENTRY_VALUE) {
                        list.add(null);
                        continue;
                    }
                    if (entrySize < 0) {
                        throw new SerializationException("Invalid entry length " + entrySize + " at index " + i
                                + " of a list for topic '" + topic + "'");
                    }
                }
                if (entrySize > in.remaining()) {
                    throw truncated(topic, i, entrySize, in.remaining());
                }
                byte[] payload = new byte[entrySize];
                in.get(payload);
                list.add(inner.deserialize(topic, payload));
            }
            return list;
        } catch (BufferUnderflowException e) {
            throw new SerializationException("List data for topic '" + topic + "' ended early: " + data.length
                    + " bytes in all", e);
        }
    }

    private static SerializationStrategy strategy(String topic, byte flag) {
        if (flag < 0 || flag >= SerializationStrategy.VALUES.length) {
            throw new SerializationException("Invalid serialization strategy flag value " + flag
                    + " in a list for topic '" + topic + "'");
        }
        return SerializationStrategy.VALUES[flag];
    }

    /** The null index list, sorted, so entries can be matched against it in one pass. */
    private static int[] nullIndexes(String topic, ByteBuffer in) {
        int count = count(topic, in, "null entry count");
        if ((long) count * Integer.BYTES > in.remaining()) {
            throw new SerializationException("List data for topic '" + topic + "' claims " + count
                    + " null entries but has only " + in.remaining() + " bytes left");
        }
        int[] indexes = new int[count];
        for (int i = 0; i < count; i++) {
            indexes[i] = in.getInt();
        }
        Arrays.sort(indexes);
        return indexes;
    }

    private static int count(String topic, ByteBuffer in, String what) {
        int count = in.getInt();
        if (count < 0) {
            throw new SerializationException("Invalid " + what + " " + count + " in a list for topic '" + topic + "'");
        }
        return count;
    }

    private int constantSize(String topic) {
        if (primitiveSize == null) {
            throw new SerializationException("List data for topic '" + topic + "' uses the CONSTANT_SIZE strategy but the inner deserializer "
                    + inner.getClass().getName() + " has no fixed width");
        }
        return primitiveSize;
    }

    private static SerializationException truncated(String topic, int index, int entrySize, int remaining) {
        return new SerializationException("List data for topic '" + topic + "' ended early: entry " + index
                + " needs " + entrySize + " bytes but only " + remaining + " remain");
    }

    @SuppressWarnings("unchecked")
    private List<Inner> newList(int capacity) {
        try {
            try {
                Constructor<?> withCapacity = listClass.getConstructor(int.class);
                return (List<Inner>) withCapacity.newInstance(capacity);
            } catch (NoSuchMethodException e) {
                return (List<Inner>) listClass.getConstructor().newInstance();
            }
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException
                 | IllegalArgumentException e) {
            throw new KafkaException("Could not construct a list instance of \"" + listClass.getName()
                    + "\": it needs a public (int) or no-argument constructor", e);
        }
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }
}
