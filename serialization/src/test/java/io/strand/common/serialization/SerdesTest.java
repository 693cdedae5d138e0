package io.strand.common.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.header.Headers;
import io.strand.common.header.internals.RecordHeaders;
import io.strand.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The Serdes factory and the interfaces' default methods. */
class SerdesTest {

    @Test
    void serdeFromClassPicksTheBuiltInSerde() {
        Map<Class<?>, Class<?>> expected = Map.ofEntries(
                Map.entry(String.class, StringSerializer.class),
                Map.entry(Short.class, ShortSerializer.class),
                Map.entry(Integer.class, IntegerSerializer.class),
                Map.entry(Long.class, LongSerializer.class),
                Map.entry(Float.class, FloatSerializer.class),
                Map.entry(Double.class, DoubleSerializer.class),
                Map.entry(byte[].class, ByteArraySerializer.class),
                Map.entry(ByteBuffer.class, ByteBufferSerializer.class),
                Map.entry(Bytes.class, BytesSerializer.class),
                Map.entry(UUID.class, UUIDSerializer.class),
                Map.entry(Boolean.class, BooleanSerializer.class));
        expected.forEach((type, serializer) -> {
            Serde<?> serde = Serdes.serdeFrom(type);
            assertInstanceOf(serializer, serde.serializer(), type.getName());
        });
        // A subclass of a supported type gets the supported type's serde, as in Apache.
        assertInstanceOf(ByteBufferSerializer.class, Serdes.serdeFrom(ByteBuffer.allocate(1).getClass()).serializer());
    }

    @Test
    void serdeFromAnUnsupportedClassNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Serdes.serdeFrom(ArrayList.class));
        assertTrue(e.getMessage().contains("java.util.ArrayList"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Serdes.serdeFrom(Void.class),
                "Apache's serdeFrom(Class) has no Void either");
    }

    @Test
    void factoryMethodsReturnWorkingSerdes() {
        assertEquals(-5L, roundTrip(Serdes.Long(), -5L));
        assertEquals(77, roundTrip(Serdes.Integer(), 77));
        assertEquals((short) -2, roundTrip(Serdes.Short(), (short) -2));
        assertEquals(1.5f, roundTrip(Serdes.Float(), 1.5f));
        assertEquals(-2.25, roundTrip(Serdes.Double(), -2.25));
        assertEquals("s", roundTrip(Serdes.String(), "s"));
        assertArrayEquals(new byte[] {1}, roundTrip(Serdes.ByteArray(), new byte[] {1}));
        assertEquals(ByteBuffer.wrap(new byte[] {2}), roundTrip(Serdes.ByteBuffer(), ByteBuffer.wrap(new byte[] {2})));
        assertEquals(Bytes.wrap(new byte[] {3}), roundTrip(Serdes.Bytes(), Bytes.wrap(new byte[] {3})));
        UUID id = UUID.randomUUID();
        assertEquals(id, roundTrip(Serdes.UUID(), id));
        assertEquals(Boolean.TRUE, roundTrip(Serdes.Boolean(), true));
        assertNull(roundTrip(Serdes.Void(), null));
        assertInstanceOf(Serdes.StringSerde.class, Serdes.String());
        assertInstanceOf(Serdes.VoidSerde.class, Serdes.Void());
    }

    @Test
    void serdeFromPairRejectsNullHalves() {
        assertThrows(IllegalArgumentException.class, () -> Serdes.serdeFrom(null, new StringDeserializer()));
        assertThrows(IllegalArgumentException.class, () -> Serdes.serdeFrom(new StringSerializer(), null));
        StringSerializer serializer = new StringSerializer();
        StringDeserializer deserializer = new StringDeserializer();
        Serde<String> serde = Serdes.serdeFrom(serializer, deserializer);
        assertSame(serializer, serde.serializer());
        assertSame(deserializer, serde.deserializer());
    }

    @Test
    void wrapperSerdeConfiguresAndClosesBothHalves() {
        Serde<String> serde = Serdes.String();
        serde.configure(Map.of("key.serializer.encoding", "UTF-16BE", "key.deserializer.encoding", "UTF-16BE"), true);
        byte[] bytes = serde.serializer().serialize("t", "a");
        assertArrayEquals(new byte[] {0, 'a'}, bytes);
        assertEquals("a", serde.deserializer().deserialize("t", bytes));

        List<String> events = new ArrayList<>();
        Serializer<String> serializer = new Serializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                events.add("ser.configure " + isKey);
            }

            @Override
            public byte[] serialize(String topic, String data) {
                return null;
            }

            @Override
            public void close() {
                events.add("ser.close");
            }
        };
        Deserializer<String> deserializer = new Deserializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                events.add("de.configure " + isKey);
            }

            @Override
            public String deserialize(String topic, byte[] data) {
                return null;
            }

            @Override
            public void close() {
                events.add("de.close");
            }
        };
        Serde<String> wrapper = new Serdes.WrapperSerde<>(serializer, deserializer);
        wrapper.configure(Map.of(), false);
        wrapper.close();
        assertEquals(List.of("ser.configure false", "de.configure false", "ser.close", "de.close"), events);
    }

    @Test
    void defaultMethodsDelegateAndTheBufferDefaultCopiesOnlyTheFrame() {
        List<Object> seen = new ArrayList<>();
        Deserializer<String> deserializer = new Deserializer<>() {
            @Override
            public String deserialize(String topic, byte[] data) {
                seen.add(data);
                return data == null ? null : new String(data, StandardCharsets.US_ASCII);
            }
        };
        Headers headers = new RecordHeaders();
        ByteBuffer framed = ApacheEquivalenceTest.framedHeap("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("abc", deserializer.deserialize("t", headers, framed));
        assertEquals(5, framed.position());
        assertEquals(8, framed.limit());
        assertEquals("abc", deserializer.deserialize("t", headers, ApacheEquivalenceTest.framedDirect(new byte[] {'a', 'b', 'c'})));
        assertNull(deserializer.deserialize("t", headers, (ByteBuffer) null));
        assertNull(seen.get(seen.size() - 1));

        Serializer<String> serializer = (topic, data) -> data.getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(new byte[] {'x'}, serializer.serialize("t", headers, "x"));
        serializer.configure(Map.of(), true);
        serializer.close();
        deserializer.configure(Map.of(), false);
        deserializer.close();
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }
}
