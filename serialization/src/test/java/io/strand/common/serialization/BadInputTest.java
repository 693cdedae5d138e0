package io.strand.common.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.errors.SerializationException;
import io.strand.common.header.internals.RecordHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Wrong sizes and malformed data fail with errors that name the deserializer, topic and size. */
class BadInputTest {

    static Stream<Arguments> fixedWidth() {
        return Stream.of(
                Arguments.of(new ShortDeserializer(), "ShortDeserializer", 2),
                Arguments.of(new IntegerDeserializer(), "IntegerDeserializer", 4),
                Arguments.of(new LongDeserializer(), "LongDeserializer", 8),
                Arguments.of(new FloatDeserializer(), "FloatDeserializer", 4),
                Arguments.of(new DoubleDeserializer(), "DoubleDeserializer", 8),
                Arguments.of(new BooleanDeserializer(), "BooleanDeserializer", 1));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("fixedWidth")
    void everyWrongSizeIsRejectedNamingTopicAndSize(Deserializer<?> deserializer, String name, int width) {
        for (int size : List.of(0, 1, width - 1, width + 1, 3, 9, 100)) {
            if (size == width) {
                continue;
            }
            byte[] data = new byte[size];
            String expected = "Size of data received by " + name + " is not " + width + " for topic 'orders': got "
                    + size + " bytes";
            SerializationException fromArray = assertThrows(SerializationException.class,
                    () -> deserializer.deserialize("orders", data));
            assertEquals(expected, fromArray.getMessage());
            SerializationException fromBuffer = assertThrows(SerializationException.class,
                    () -> deserializer.deserialize("orders", new RecordHeaders(), ApacheEquivalenceTest.framedHeap(data)));
            assertEquals(expected, fromBuffer.getMessage());
        }
    }

    @Test
    void theBriefsExampleMessage() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> new IntegerDeserializer().deserialize("orders", new byte[3]));
        assertEquals("Size of data received by IntegerDeserializer is not 4 for topic 'orders': got 3 bytes", e.getMessage());
    }

    @Test
    void booleanRejectsBytesOtherThanZeroAndOne() {
        for (byte b : new byte[] {2, -1, 127}) {
            SerializationException e = assertThrows(SerializationException.class,
                    () -> new BooleanDeserializer().deserialize("flags", new byte[] {b}));
            assertEquals("Unexpected byte received by BooleanDeserializer for topic 'flags': " + b, e.getMessage());
            assertThrows(SerializationException.class,
                    () -> new BooleanDeserializer().deserialize("flags", new RecordHeaders(), ByteBuffer.wrap(new byte[] {b})));
        }
    }

    @Test
    void voidRejectsAnyDataAsApacheDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VoidDeserializer().deserialize("t", new byte[0]));
        assertTrue(e.getMessage().contains("Data should be null for a VoidDeserializer"), e.getMessage());
        assertTrue(e.getMessage().contains("topic 't'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new VoidDeserializer().deserialize("t", new RecordHeaders(), ByteBuffer.allocate(2)));
        assertThrows(IllegalArgumentException.class,
                () -> new org.apache.kafka.common.serialization.VoidDeserializer().deserialize("t", new byte[0]));
    }

    @Test
    void uuidRejectsTextThatIsNotAUuidNamingTheTopic() {
        for (String text : List.of("", "not-a-uuid", "123e4567-e89b-12d3-a456")) {
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            SerializationException e = assertThrows(SerializationException.class,
                    () -> new UUIDDeserializer().deserialize("ids", data));
            assertEquals("Error parsing data into UUID for topic 'ids'", e.getMessage());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertThrows(SerializationException.class,
                    () -> new UUIDDeserializer().deserialize("ids", new RecordHeaders(), ByteBuffer.wrap(data)));
        }
    }
}
