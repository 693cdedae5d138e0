package io.strand.common.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.KafkaException;
import io.strand.common.errors.SerializationException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The List serde writes Apache's format byte for byte, for every inner type, with and without nulls. */
class ListSerdeTest {

    private static final String TOPIC = "lists";

    static List<SerdeCase> innerCases() {
        // Void has no non-null values: a list of it says nothing the null-entry tests do not.
        return SerdeCases.all().stream().filter(c -> !c.name().equals("Void")).toList();
    }

    /** Lists cut from the case's values: empty, one entry, all nulls, nulls first/last/between, everything. */
    static List<List<Object>> listsOf(SerdeCase c) {
        List<Object> nonNull = c.values().stream().filter(Objects::nonNull).toList();
        List<List<Object>> lists = new ArrayList<>();
        lists.add(List.of());
        lists.add(List.of(nonNull.get(0)));
        lists.add(Arrays.asList(null, null, null));
        lists.add(Arrays.asList(null, nonNull.get(0), nonNull.get(1)));
        lists.add(Arrays.asList(nonNull.get(0), null, nonNull.get(1), null));
        lists.add(c.values());
        return lists;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("innerCases")
    void writesApachesBytesAndReadsThemBack(SerdeCase c) {
        ListSerializer<Object> serializer = new ListSerializer<>(c.strandSerializer().get());
        var apache = new org.apache.kafka.common.serialization.ListSerializer<>(c.apacheSerializer().get());
        ListDeserializer<Object> deserializer = new ListDeserializer<>(ArrayList.class, c.strandDeserializer().get());
        var apacheReader = new org.apache.kafka.common.serialization.ListDeserializer<>(ArrayList.class,
                c.apacheDeserializer().get());
        for (List<Object> list : listsOf(c)) {
            byte[] bytes = serializer.serialize(TOPIC, list);
            assertArrayEquals(apache.serialize(TOPIC, list), bytes, () -> c + " list of " + list.size());
            assertListEquals(list, deserializer.deserialize(TOPIC, bytes));
            if (!endsWithAnEmptyEntry(list)) {
                assertListEquals(list, apacheReader.deserialize(TOPIC, bytes));
            }
        }
        assertNull(serializer.serialize(TOPIC, null));
        assertNull(deserializer.deserialize(TOPIC, null));
    }

    @Test
    void fixedWidthInnerTypesUseTheConstantSizeFlag() {
        List<Integer> values = Arrays.asList(7, null, -1);
        byte[] bytes = new ListSerializer<>(new IntegerSerializer()).serialize(TOPIC, values);
        ByteBuffer expected = ByteBuffer.allocate(1 + 4 + 4 + 4 + 4 + 4)
                .put((byte) 0).putInt(1).putInt(1).putInt(3).putInt(7).putInt(-1);
        assertArrayEquals(expected.array(), bytes);

        byte[] variable = new ListSerializer<>(new StringSerializer()).serialize(TOPIC, Arrays.asList("ab", null));
        ByteBuffer expectedVariable = ByteBuffer.allocate(1 + 4 + 4 + 2 + 4)
                .put((byte) 1).putInt(2).putInt(2).put((byte) 'a').put((byte) 'b').putInt(-1);
        assertArrayEquals(expectedVariable.array(), variable);
    }

    @Test
    void theListClassIsHonoured() {
        var deserializer = new ListDeserializer<>(LinkedList.class, new StringDeserializer());
        byte[] bytes = new ListSerializer<>(new StringSerializer()).serialize(TOPIC, List.of("a", "b"));
        List<String> list = deserializer.deserialize(TOPIC, bytes);
        assertInstanceOf(LinkedList.class, list);
        assertEquals(List.of("a", "b"), list);
    }

    @Test
    void configuredByClassObjectsForKeys() {
        Map<String, Object> config = Map.of(
                "default.list.key.serde.inner", Serdes.LongSerde.class,
                "default.list.key.serde.type", LinkedList.class);
        Serdes.ListSerde<Long> serde = new Serdes.ListSerde<>();
        serde.configure(config, true);
        List<Long> values = Arrays.asList(1L, null, Long.MAX_VALUE);
        byte[] bytes = serde.serializer().serialize(TOPIC, values);
        assertArrayEquals(new org.apache.kafka.common.serialization.ListSerializer<>(
                new org.apache.kafka.common.serialization.LongSerializer()).serialize(TOPIC, values), bytes);
        List<Long> read = serde.deserializer().deserialize(TOPIC, bytes);
        assertInstanceOf(LinkedList.class, read);
        assertEquals(values, read);
        assertInstanceOf(LongSerializer.class, ((ListSerializer<Long>) serde.serializer()).getInnerSerializer());
    }

    @Test
    void configuredByClassNamesForValuesIncludingApacheNames() {
        for (String inner : List.of("io.strand.common.serialization.Serdes$StringSerde",
                "org.apache.kafka.common.serialization.Serdes$StringSerde")) {
            Map<String, Object> config = Map.of(
                    "default.list.value.serde.inner", inner,
                    "default.list.value.serde.type", "java.util.ArrayList",
                    "value.serializer.encoding", "UTF-16",
                    "value.deserializer.encoding", "UTF-16");
            ListSerializer<String> serializer = new ListSerializer<>();
            serializer.configure(config, false);
            ListDeserializer<String> deserializer = new ListDeserializer<>();
            deserializer.configure(config, false);
            assertInstanceOf(StringDeserializer.class, deserializer.innerDeserializer(), inner);
            List<String> values = Arrays.asList("x", null, "\u00e9");
            byte[] bytes = serializer.serialize(TOPIC, values);
            assertEquals(values, deserializer.deserialize(TOPIC, bytes));
            // The inner serde was configured too: UTF-16 adds a byte-order mark to each string.
            assertEquals(1 + 4 + (4 + 4) + 4 + (4 + 4), bytes.length);
        }
    }

    @Test
    void badConfigurationIsReportedNamingTheSetting() {
        KafkaException missing = assertThrows(KafkaException.class, () -> new ListSerializer<>().configure(Map.of(), true));
        assertTrue(missing.getMessage().contains("default.list.key.serde.inner"), missing.getMessage());

        KafkaException missingType = assertThrows(KafkaException.class, () -> new ListDeserializer<>().configure(
                Map.of("default.list.value.serde.inner", Serdes.StringSerde.class), false));
        assertTrue(missingType.getMessage().contains("default.list.value.serde.type"), missingType.getMessage());

        KafkaException unknown = assertThrows(KafkaException.class, () -> new ListSerializer<>().configure(
                Map.of("default.list.value.serde.inner", "com.example.NoSuchSerde"), false));
        assertTrue(unknown.getMessage().contains("com.example.NoSuchSerde")
                && unknown.getMessage().contains("default.list.value.serde.inner"), unknown.getMessage());

        KafkaException notASerde = assertThrows(KafkaException.class, () -> new ListSerializer<>().configure(
                Map.of("default.list.value.serde.inner", String.class), false));
        assertTrue(notASerde.getMessage().contains("java.lang.String"), notASerde.getMessage());

        KafkaException notAList = assertThrows(KafkaException.class, () -> new ListDeserializer<>().configure(
                Map.of("default.list.key.serde.inner", Serdes.StringSerde.class, "default.list.key.serde.type", String.class),
                true));
        assertTrue(notAList.getMessage().contains("default.list.key.serde.type"), notAList.getMessage());

        KafkaException twice = assertThrows(KafkaException.class, () -> new ListSerializer<>(new StringSerializer())
                .configure(Map.of("default.list.key.serde.inner", Serdes.StringSerde.class), true));
        assertTrue(twice.getMessage().contains("already initialized"), twice.getMessage());
        assertThrows(KafkaException.class, () -> new ListDeserializer<>(ArrayList.class, new StringDeserializer())
                .configure(Map.of(), true));

        assertThrows(IllegalArgumentException.class, () -> new ListSerializer<>(null));
        assertThrows(IllegalArgumentException.class, () -> new ListDeserializer<>(null, new StringDeserializer()));
        assertThrows(IllegalStateException.class, () -> new ListSerializer<String>().serialize(TOPIC, List.of("a")));
    }

    @Test
    void malformedDataIsASerializationExceptionNamingTheTopic() {
        ListDeserializer<Integer> ints = new ListDeserializer<>(ArrayList.class, new IntegerDeserializer());
        ListDeserializer<String> strings = new ListDeserializer<>(ArrayList.class, new StringDeserializer());
        List<byte[]> bad = List.of(
                new byte[0],                                                              // no flag
                new byte[] {2, 0, 0, 0, 0},                                               // unknown flag
                new byte[] {-1},                                                          // negative flag
                ByteBuffer.allocate(5).put((byte) 1).putInt(1).array(),                  // entry missing
                ByteBuffer.allocate(9).put((byte) 1).putInt(1).putInt(5).array(),        // entry shorter than its length
                ByteBuffer.allocate(9).put((byte) 1).putInt(1).putInt(-7).array(),       // negative length
                ByteBuffer.allocate(5).put((byte) 1).putInt(-1).array(),                 // negative count
                ByteBuffer.allocate(5).put((byte) 1).putInt(Integer.MAX_VALUE).array()); // absurd count
        for (byte[] data : bad) {
            SerializationException e = assertThrows(SerializationException.class, () -> strings.deserialize(TOPIC, data),
                    () -> Arrays.toString(data));
            assertTrue(e.getMessage().contains("'" + TOPIC + "'"), e.getMessage());
        }
        List<byte[]> badConstant = List.of(
                ByteBuffer.allocate(9).put((byte) 0).putInt(0).putInt(2).array(),       // entries missing
                ByteBuffer.allocate(9).put((byte) 0).putInt(Integer.MAX_VALUE).putInt(0).array(), // absurd null count
                ByteBuffer.allocate(11).put((byte) 0).putInt(0).putInt(1).put(new byte[] {1, 2}).array()); // short entry
        for (byte[] data : badConstant) {
            SerializationException e = assertThrows(SerializationException.class, () -> ints.deserialize(TOPIC, data),
                    () -> Arrays.toString(data));
            assertTrue(e.getMessage().contains("'" + TOPIC + "'"), e.getMessage());
        }
        // CONSTANT_SIZE data given to a deserializer of variable-width entries
        byte[] constant = new ListSerializer<>(new IntegerSerializer()).serialize(TOPIC, List.of(1));
        SerializationException e = assertThrows(SerializationException.class, () -> strings.deserialize(TOPIC, constant));
        assertTrue(e.getMessage().contains("CONSTANT_SIZE"), e.getMessage());
    }

    @Test
    void nullIndexesAreHonouredInAnyOrder() {
        // Apache writes null indexes ascending; a reader must not depend on it.
        byte[] data = ByteBuffer.allocate(1 + 4 + 8 + 4 + 4).put((byte) 0).putInt(2).putInt(2).putInt(0).putInt(3)
                .putInt(42).array();
        assertEquals(Arrays.asList(null, 42, null), new ListDeserializer<>(ArrayList.class, new IntegerDeserializer())
                .deserialize(TOPIC, data));
    }

    @Test
    void serdesFactoryAndCloseReachTheInnerSerde() {
        Serde<List<Integer>> serde = Serdes.ListSerde(ArrayList.class, Serdes.Integer());
        List<Integer> values = Arrays.asList(3, null, 4);
        assertEquals(values, serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, values)));

        int[] closed = new int[1];
        Serializer<String> inner = new StringSerializer() {
            @Override
            public void close() {
                closed[0]++;
            }
        };
        new ListSerializer<>(inner).close();
        assertEquals(1, closed[0]);
        assertSame(inner, new ListSerializer<>(inner).getInnerSerializer());
    }

    /**
     * Apache's reader cannot read a list whose last entry is zero bytes long (its stream read returns -1 at
     * the end even for an empty read); Strand's can, and the bytes written are the same either way.
     */
    private static boolean endsWithAnEmptyEntry(List<Object> list) {
        Object last = list.isEmpty() ? null : list.get(list.size() - 1);
        return "".equals(last) || (last instanceof byte[] bytes && bytes.length == 0);
    }

    @Test
    void aTrailingEmptyEntryIsRead() {
        ListDeserializer<String> strings = new ListDeserializer<>(ArrayList.class, new StringDeserializer());
        List<String> values = List.of("a", "");
        assertEquals(values, strings.deserialize(TOPIC, new org.apache.kafka.common.serialization.ListSerializer<>(
                new org.apache.kafka.common.serialization.StringSerializer()).serialize(TOPIC, values)));
    }

    private static void assertListEquals(List<Object> expected, List<?> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Object e = expected.get(i);
            Object a = actual.get(i);
            if (e instanceof Float f) {
                assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((Float) a), "entry " + i);
            } else {
                assertTrue(Objects.deepEquals(e, a), "entry " + i + ": expected " + e + " got " + a);
            }
        }
    }
}
