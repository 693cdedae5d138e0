package io.strand.clients.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.TopicPartition;
import io.strand.common.header.Header;
import io.strand.common.header.internals.RecordHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerRecordTest {

    @Test
    void rejectsWhatApacheRejects() {
        assertThrows(IllegalArgumentException.class, () -> new ProducerRecord<>(null, "v"));
        IllegalArgumentException ts = assertThrows(IllegalArgumentException.class,
            () -> new ProducerRecord<>("t", null, -1L, "k", "v"));
        assertTrue(ts.getMessage().contains("-1"), ts.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
            () -> new ProducerRecord<>("t", -2, "k", "v"));
        assertTrue(p.getMessage().contains("-2"), p.getMessage());
    }

    @Test
    void keepsFieldsAndCopiesHeaders() {
        List<Header> hs = List.of(new RecordHeader("a", new byte[] {1}));
        ProducerRecord<String, String> r = new ProducerRecord<>("t", 3, 42L, "k", "v", hs);
        assertEquals("t", r.topic());
        assertEquals(3, r.partition());
        assertEquals(42L, r.timestamp());
        assertEquals("k", r.key());
        assertEquals("v", r.value());
        assertEquals(1, r.headers().toArray().length);
        r.headers().add("b", null);
        assertEquals(2, r.headers().toArray().length);

        ProducerRecord<String, String> bare = new ProducerRecord<>("t", "v");
        assertNull(bare.key());
        assertNull(bare.partition());
        assertNull(bare.timestamp());
        assertEquals(0, bare.headers().toArray().length);
    }

    @Test
    void equalityCoversEveryField() {
        ProducerRecord<String, String> a = new ProducerRecord<>("t", 1, 5L, "k", "v");
        assertEquals(a, new ProducerRecord<>("t", 1, 5L, "k", "v"));
        assertEquals(a.hashCode(), new ProducerRecord<>("t", 1, 5L, "k", "v").hashCode());
        assertNotEquals(a, new ProducerRecord<>("t", 2, 5L, "k", "v"));
        assertNotEquals(a, new ProducerRecord<>("t", 1, 6L, "k", "v"));
        assertNotEquals(a, new ProducerRecord<>("t", 1, 5L, "x", "v"));
        assertNotEquals(a, new ProducerRecord<>("u", 1, 5L, "k", "v"));
    }

    @Test
    void metadataOffsetIsBasePlusIndexUnlessUnknown() {
        TopicPartition tp = new TopicPartition("t", 2);
        RecordMetadata m = new RecordMetadata(tp, 100L, 7, 55L, 3, 4);
        assertEquals(107L, m.offset());
        assertTrue(m.hasOffset());
        assertTrue(m.hasTimestamp());
        assertEquals("t-2@107", m.toString());
        assertEquals("t", m.topic());
        assertEquals(2, m.partition());
        RecordMetadata unknown = new RecordMetadata(tp, -1L, 7, -1L, -1, -1);
        assertEquals(-1L, unknown.offset());
        assertFalse(unknown.hasOffset());
        assertFalse(unknown.hasTimestamp());
    }
}
