package io.strand.common.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.errors.SerializationException;
import io.strand.common.header.internals.RecordHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The String and UUID serdes pick their charset from the same settings as Apache's, with the same precedence. */
class EncodingTest {

    private static final String TEXT = "Gr\u00fc\u00dfe \u65e5\u672c \ud83d\ude00";
    private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

    /** Each map is tried as key and as value config; the charset in the name says which should win for which role. */
    private static final List<Map<String, Object>> CONFIGS = List.of(
            Map.of(),
            Map.of("serializer.encoding", "UTF-16", "deserializer.encoding", "UTF-16"),
            Map.of("key.serializer.encoding", "UTF-16BE", "key.deserializer.encoding", "UTF-16BE"),
            Map.of("value.serializer.encoding", "ISO-8859-1", "value.deserializer.encoding", "ISO-8859-1"),
            Map.of("key.serializer.encoding", "UTF-16LE", "serializer.encoding", "ISO-8859-1",
                    "key.deserializer.encoding", "UTF-16LE", "deserializer.encoding", "ISO-8859-1"),
            Map.of("value.serializer.encoding", "UTF-32", "serializer.encoding", "UTF-16",
                    "value.deserializer.encoding", "UTF-32", "deserializer.encoding", "UTF-16"),
            // Not a String: ignored, as Apache ignores it, so the default UTF-8 stays.
            Map.of("serializer.encoding", 42, "deserializer.encoding", 42));

    @Test
    void stringSerializerMatchesApacheUnderEveryConfig() {
        for (Map<String, Object> config : CONFIGS) {
            for (boolean isKey : new boolean[] {true, false}) {
                StringSerializer strand = new StringSerializer();
                strand.configure(config, isKey);
                var apache = new org.apache.kafka.common.serialization.StringSerializer();
                apache.configure(config, isKey);
                byte[] bytes = strand.serialize("t", TEXT);
                assertArrayEquals(apache.serialize("t", TEXT), bytes, config + " isKey=" + isKey);

                StringDeserializer reader = new StringDeserializer();
                reader.configure(config, isKey);
                var apacheReader = new org.apache.kafka.common.serialization.StringDeserializer();
                apacheReader.configure(config, isKey);
                String expected = apacheReader.deserialize("t", bytes);
                assertEquals(expected, reader.deserialize("t", bytes), config + " isKey=" + isKey);
                assertEquals(expected, reader.deserialize("t", new RecordHeaders(), ApacheEquivalenceTest.framedDirect(bytes)));
            }
        }
    }

    @Test
    void settingsPickTheExpectedCharset() {
        StringSerializer key = new StringSerializer();
        key.configure(CONFIGS.get(4), true);
        assertArrayEquals(new byte[] {'a', 0}, key.serialize("t", "a"), "key-specific UTF-16LE beats shared ISO-8859-1");
        StringSerializer value = new StringSerializer();
        value.configure(CONFIGS.get(4), false);
        assertArrayEquals(new byte[] {'a'}, value.serialize("t", "a"), "value falls back to shared ISO-8859-1");
    }

    @Test
    void uuidSerdeMatchesApacheUnderEveryConfig() {
        for (Map<String, Object> config : CONFIGS) {
            for (boolean isKey : new boolean[] {true, false}) {
                UUIDSerializer strand = new UUIDSerializer();
                strand.configure(config, isKey);
                var apache = new org.apache.kafka.common.serialization.UUIDSerializer();
                apache.configure(config, isKey);
                byte[] bytes = strand.serialize("t", ID);
                assertArrayEquals(apache.serialize("t", ID), bytes, config + " isKey=" + isKey);

                UUIDDeserializer reader = new UUIDDeserializer();
                reader.configure(config, isKey);
                assertEquals(ID, reader.deserialize("t", bytes));
                assertEquals(ID, reader.deserialize("t", new RecordHeaders(), ByteBuffer.wrap(bytes)));
            }
        }
    }

    @Test
    void unknownEncodingFailsAtConfigureNamingTheEncodingAndSetting() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> new StringDeserializer().configure(Map.of("value.deserializer.encoding", "NO-SUCH-CHARSET"), false));
        assertEquals("Unsupported encoding NO-SUCH-CHARSET (set by value.deserializer.encoding)", e.getMessage());
        assertInstanceOf(UnsupportedCharsetException.class, e.getCause());

        e = assertThrows(SerializationException.class,
                () -> new StringSerializer().configure(Map.of("serializer.encoding", "bad name!"), true));
        assertTrue(e.getMessage().contains("bad name!") && e.getMessage().contains("serializer.encoding"), e.getMessage());

        e = assertThrows(SerializationException.class,
                () -> new UUIDSerializer().configure(Map.of("key.serializer.encoding", "NOPE"), true));
        assertTrue(e.getMessage().contains("NOPE"), e.getMessage());
        assertThrows(SerializationException.class,
                () -> new UUIDDeserializer().configure(Map.of("deserializer.encoding", "NOPE"), false));
    }

    @Test
    void anEncodingForTheOtherRoleIsIgnored() {
        StringSerializer serializer = new StringSerializer();
        serializer.configure(Map.of("key.serializer.encoding", "NO-SUCH-CHARSET", "deserializer.encoding", "UTF-16"), false);
        assertArrayEquals(new byte[] {'a'}, serializer.serialize("t", "a"));
    }
}
