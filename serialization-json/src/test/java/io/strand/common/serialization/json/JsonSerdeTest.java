package io.strand.common.serialization.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.KafkaException;
import io.strand.common.errors.SerializationException;
import io.strand.common.header.internals.RecordHeaders;
import io.strand.common.serialization.Deserializer;
import io.strand.common.serialization.Serde;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    record Line(String sku, int quantity, BigDecimal price) {
    }

    record Order(UUID id, String customer, List<Line> lines, Map<String, String> tags, Instant placedAt,
                 LocalDate deliveryDate, LocalDateTime localTime, OffsetDateTime confirmedAt, Duration ttl,
                 Status status, String note) {
    }

    enum Status { OPEN, SHIPPED }

    private static final Order ORDER = new Order(
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), "Zo\u00eb \ud83d\ude00",
            List.of(new Line("A-1", 2, new BigDecimal("9.99")), new Line("B-2", 1, new BigDecimal("0.01"))),
            new LinkedHashMap<>(Map.of("priority", "high")),
            Instant.parse("2026-11-21T10:15:30.123456789Z"), LocalDate.of(2026, 12, 24),
            LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6000),
            OffsetDateTime.of(2026, 6, 30, 23, 59, 59, 0, ZoneOffset.ofHours(5)), Duration.ofMinutes(90),
            Status.SHIPPED, null);

    @Test
    void recordsWithNestedListsMapsAndJavaTimeRoundTrip() {
        JsonSerde<Order> serde = new JsonSerde<>(Order.class);
        byte[] bytes = serde.serializer().serialize("orders", ORDER);
        assertEquals(ORDER, serde.deserializer().deserialize("orders", bytes));
        assertEquals(ORDER, serde.deserializer().deserialize("orders", new RecordHeaders(), bytes));
    }

    @Test
    void writesPlainJsonWithIsoDates() {
        String json = new String(new JsonSerializer<>().serialize("t", ORDER), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"id\":\"123e4567-e89b-12d3-a456-426614174000\""), json);
        assertTrue(json.contains("\"placedAt\":\"2026-11-21T10:15:30.123456789Z\""), json);
        assertTrue(json.contains("\"deliveryDate\":\"2026-12-24\""), json);
        assertTrue(json.contains("\"confirmedAt\":\"2026-06-30T23:59:59+05:00\""), json);
        assertTrue(json.contains("\"ttl\":\"PT1H30M\""), json);
        assertTrue(json.contains("\"status\":\"SHIPPED\""), json);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", Arrays.asList(true, null));
        assertEquals("{\"a\":1,\"b\":[true,null]}",
                new String(new JsonSerializer<>().serialize("t", map), StandardCharsets.UTF_8));
    }

    @Test
    void genericTypesThroughTypeReference() {
        JsonSerde<Map<String, List<Line>>> serde = new JsonSerde<>(new TypeReference<>() { });
        Map<String, List<Line>> value = Map.of("x", List.of(new Line("s", 1, BigDecimal.ONE)), "y", List.of());
        assertEquals(value, serde.deserializer().deserialize("t", serde.serializer().serialize("t", value)));

        JsonSerde<List<Instant>> instants = new JsonSerde<>(new TypeReference<>() { });
        List<Instant> times = List.of(Instant.EPOCH, Instant.parse("2000-01-01T00:00:00Z"));
        assertEquals(times, instants.deserializer().deserialize("t", instants.serializer().serialize("t", times)));
    }

    @Test
    void typeFromTheSettingsForKeysAndValues() {
        JsonSerde<Line> serde = new JsonSerde<>();
        serde.configure(Map.of(JsonDeserializer.VALUE_TYPE_CONFIG, Line.class.getName()), false);
        Line line = new Line("k", 3, new BigDecimal("1.50"));
        assertEquals(line, serde.deserializer().deserialize("t", serde.serializer().serialize("t", line)));

        JsonDeserializer<Object> keys = new JsonDeserializer<>();
        keys.configure(Map.of(JsonDeserializer.KEY_TYPE_CONFIG, Line.class,
                JsonDeserializer.VALUE_TYPE_CONFIG, "no.such.Class"), true);
        assertEquals(line, keys.deserialize("t", new JsonSerializer<>().serialize("t", line)));

        JsonDeserializer<Object> generic = new JsonDeserializer<>();
        generic.configure(Map.of(JsonDeserializer.VALUE_TYPE_CONFIG, new TypeReference<List<Line>>() { }), false);
        assertEquals(List.of(line), generic.deserialize("t", new JsonSerializer<>().serialize("t", List.of(line))));
    }

    @Test
    void withoutATypeJsonBecomesPlainJavaValues() {
        JsonDeserializer<Object> deserializer = new JsonDeserializer<>();
        deserializer.configure(Map.of(), false);
        Object value = deserializer.deserialize("t", "{\"a\":[1,2.5,\"x\",true,null],\"b\":{}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("a", Arrays.asList(1, 2.5, "x", true, null), "b", Map.of()), value);
    }

    @Test
    void aTypeFromTheConstructorWinsOverTheSetting() {
        JsonDeserializer<Line> deserializer = new JsonDeserializer<>(Line.class);
        deserializer.configure(Map.of(JsonDeserializer.VALUE_TYPE_CONFIG, Map.class), false);
        assertInstanceOf(Line.class, deserializer.deserialize("t", "{\"sku\":\"a\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void badTypeSettingsNameTheSetting() {
        KafkaException unknown = assertThrows(KafkaException.class, () -> new JsonDeserializer<>()
                .configure(Map.of(JsonDeserializer.VALUE_TYPE_CONFIG, "com.example.Missing"), false));
        assertTrue(unknown.getMessage().contains("json.value.type") && unknown.getMessage().contains("com.example.Missing"),
                unknown.getMessage());
        KafkaException wrongKind = assertThrows(KafkaException.class, () -> new JsonDeserializer<>()
                .configure(Map.of(JsonDeserializer.KEY_TYPE_CONFIG, 42), true));
        assertTrue(wrongKind.getMessage().contains("json.key.type"), wrongKind.getMessage());
    }

    @Test
    void malformedJsonIsASerializationExceptionNamingTopicTypeAndCause() {
        JsonDeserializer<Line> deserializer = new JsonDeserializer<>(Line.class);
        for (String bad : List.of("{\"sku\":", "not json", "{\"sku\":\"a\"} trailing", "[1,2]",
                "{\"quantity\":\"many\"}", "", "{'sku':'a'}")) {
            byte[] data = bad.getBytes(StandardCharsets.UTF_8);
            SerializationException e = assertThrows(SerializationException.class,
                    () -> deserializer.deserialize("orders", data), bad);
            String prefix = "Could not read JSON for topic 'orders' as " + deserializer.targetType().toCanonical() + ": ";
            assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
            JacksonException cause = assertInstanceOf(JacksonException.class, e.getCause(), bad);
            assertTrue(e.getMessage().contains(cause.getOriginalMessage()), "the reason is included: " + e.getMessage());
        }
    }

    @Test
    void theErrorSaysWhereTheDataWentWrong() {
        SerializationException e = assertThrows(SerializationException.class, () -> new JsonDeserializer<>(Line.class)
                .deserialize("orders", "{\"sku\": \"a\",\n \"quantity\": x}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("(line 2, column"), e.getMessage());
    }

    @Test
    void nullStaysNullAndTheJsonNullLiteralReadsAsNull() {
        JsonSerde<Line> serde = new JsonSerde<>(Line.class);
        assertNull(serde.serializer().serialize("t", null));
        assertNull(serde.deserializer().deserialize("t", (byte[]) null));
        assertNull(serde.deserializer().deserialize("t", new RecordHeaders(), (ByteBuffer) null));
        assertNull(serde.deserializer().deserialize("t", "null".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsOnlyTheFrameOfAHeapOrDirectBuffer() {
        byte[] json = new JsonSerializer<>().serialize("t", ORDER);
        Deserializer<Order> deserializer = new JsonDeserializer<>(Order.class);

        byte[] backing = new byte[json.length + 10];
        Arrays.fill(backing, (byte) '}');
        System.arraycopy(json, 0, backing, 4, json.length);
        ByteBuffer heap = ByteBuffer.wrap(backing, 4, json.length);
        assertEquals(ORDER, deserializer.deserialize("t", new RecordHeaders(), heap));
        assertEquals(4, heap.position());

        ByteBuffer direct = ByteBuffer.allocateDirect(json.length + 10);
        direct.put(new byte[] {'[', '[', '['}).put(json).put(new byte[] {']'});
        direct.position(3).limit(3 + json.length);
        assertEquals(ORDER, deserializer.deserialize("t", new RecordHeaders(), direct));
        assertEquals(3, direct.position());
        assertEquals(3 + json.length, direct.limit());
    }

    @Test
    void unknownPropertiesAreIgnoredSoProducersMayAddFields() {
        Line line = new JsonDeserializer<>(Line.class).deserialize("t",
                "{\"sku\":\"a\",\"quantity\":2,\"price\":1,\"addedLater\":{\"x\":1}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(new Line("a", 2, BigDecimal.ONE), line);
    }

    @Test
    void aCallersMapperIsUsedForBothHalves() {
        ObjectMapper strict = JsonMapper.builder().build(); // no JavaTimeModule, fails on unknown properties
        Serde<Line> serde = new JsonSerde<>(Line.class, strict);
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t",
                "{\"sku\":\"a\",\"quantity\":2,\"extra\":0}".getBytes(StandardCharsets.UTF_8)));
        SerializationException e = assertThrows(SerializationException.class,
                () -> new JsonSerializer<>(strict).serialize("times", Instant.EPOCH));
        assertTrue(e.getMessage().contains("java.time.Instant") && e.getMessage().contains("'times'"), e.getMessage());
        assertNotNull(e.getCause());
    }

    @Test
    void unserializableValuesNameTheTopicAndType() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> new JsonSerializer<>().serialize("things", new Object()));
        assertTrue(e.getMessage().contains("'things'") && e.getMessage().contains("java.lang.Object"), e.getMessage());
    }

    @Test
    void bytesAreUtf8() {
        assertArrayEquals("\"\u00e9\"".getBytes(StandardCharsets.UTF_8), new JsonSerializer<>().serialize("t", "\u00e9"));
    }
}
