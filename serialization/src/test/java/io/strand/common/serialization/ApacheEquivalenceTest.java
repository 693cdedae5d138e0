package io.strand.common.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.header.internals.RecordHeaders;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in serde writes the same bytes as Apache's class of the same name, and reads both back. */
class ApacheEquivalenceTest {

    private static final String TOPIC = "orders";

    static List<SerdeCase> cases() {
        return SerdeCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesTheSameBytesAsApache(SerdeCase c) {
        Serializer<Object> strand = c.strandSerializer().get();
        org.apache.kafka.common.serialization.Serializer<Object> apache = c.apacheSerializer().get();
        for (Object value : c.values()) {
            assertArrayEquals(apache.serialize(TOPIC, value), strand.serialize(TOPIC, value), () -> c + " value " + show(value));
            assertArrayEquals(apache.serialize(TOPIC, value), strand.serialize(TOPIC, new RecordHeaders(), value),
                    () -> c + " with headers, value " + show(value));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTripsAndReadsApacheBytes(SerdeCase c) {
        Serializer<Object> serializer = c.strandSerializer().get();
        Deserializer<Object> deserializer = c.strandDeserializer().get();
        org.apache.kafka.common.serialization.Serializer<Object> apacheSerializer = c.apacheSerializer().get();
        org.apache.kafka.common.serialization.Deserializer<Object> apacheDeserializer = c.apacheDeserializer().get();
        for (Object value : c.values()) {
            byte[] bytes = serializer.serialize(TOPIC, value);
            assertSame(c, value, deserializer.deserialize(TOPIC, bytes));
            assertSame(c, value, deserializer.deserialize(TOPIC, new RecordHeaders(), bytes));
            assertSame(c, value, deserializer.deserialize(TOPIC, apacheSerializer.serialize(TOPIC, value)));
            assertSame(c, value, apacheDeserializer.deserialize(TOPIC, bytes));
        }
    }

    /** The ByteBuffer path must read only position..limit and leave both where they were. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsAFramedSliceOfALargerBufferWithoutMovingIt(SerdeCase c) {
        Serializer<Object> serializer = c.strandSerializer().get();
        Deserializer<Object> deserializer = c.strandDeserializer().get();
        for (Object value : c.values()) {
            byte[] bytes = serializer.serialize(TOPIC, value);
            if (bytes == null) {
                assertSame(c, value, deserializer.deserialize(TOPIC, new RecordHeaders(), (ByteBuffer) null));
                continue;
            }
            for (ByteBuffer framed : List.of(framedHeap(bytes), framedDirect(bytes), framedHeap(bytes).slice())) {
                int position = framed.position();
                int limit = framed.limit();
                assertSame(c, value, deserializer.deserialize(TOPIC, new RecordHeaders(), framed));
                assertEquals(position, framed.position(), () -> c + " moved the position");
                assertEquals(limit, framed.limit(), () -> c + " moved the limit");
            }
        }
    }

    /** The bytes between garbage: 5 bytes before, 3 after, in an array that does not start at the data. */
    static ByteBuffer framedHeap(byte[] bytes) {
        byte[] backing = new byte[bytes.length + 8];
        Arrays.fill(backing, (byte) 0x5A);
        System.arraycopy(bytes, 0, backing, 5, bytes.length);
        return ByteBuffer.wrap(backing, 5, bytes.length);
    }

    static ByteBuffer framedDirect(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 8);
        direct.put(new byte[] {1, 2, 3, 4, 5}).put(bytes).put(new byte[] {6, 7, 8});
        return direct.position(5).limit(5 + bytes.length);
    }

    private static void assertSame(SerdeCase c, Object expected, Object actual) {
        if (expected instanceof Float f && actual instanceof Float g) {
            // Float serdes keep NaN payloads: compare raw bits, not Float.equals.
            assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(g), () -> c + " value " + f);
        } else if (expected == null) {
            assertNull(actual, () -> c + " null became " + show(actual));
        } else {
            assertTrue(Objects.deepEquals(expected, actual), () -> c + " expected " + show(expected) + " got " + show(actual));
        }
    }

    private static String show(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes.length > 32 ? "byte[" + bytes.length + "]" : Arrays.toString(bytes);
        }
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 60) + "...(" + text.length() + " chars)" : text;
    }
}
