package io.strand.clients.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.TopicPartition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsumerRecordsTest {

    private static List<ConsumerRecord<String, String>> records(String topic, int partition, int n) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new ConsumerRecord<>(topic, partition, i, "k" + i, "v" + i));
        }
        return list;
    }

    @Test
    void groupsByPartitionAndTopic() {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> map = new LinkedHashMap<>();
        map.put(new TopicPartition("a", 0), records("a", 0, 3));
        map.put(new TopicPartition("b", 0), records("b", 0, 2));
        map.put(new TopicPartition("a", 1), records("a", 1, 1));
        map.put(new TopicPartition("c", 0), List.of());
        ConsumerRecords<String, String> rs = new ConsumerRecords<>(map);

        assertEquals(6, rs.count());
        assertFalse(rs.isEmpty());
        assertEquals(4, rs.partitions().size());
        assertEquals(3, rs.records(new TopicPartition("a", 0)).size());
        assertTrue(rs.records(new TopicPartition("z", 0)).isEmpty());
        int n = 0;
        for (ConsumerRecord<String, String> r : rs.records("a")) {
            assertEquals("a", r.topic());
            n++;
        }
        assertEquals(4, n);
        List<String> order = new ArrayList<>();
        rs.forEach(r -> order.add(r.topic() + r.partition() + "@" + r.offset()));
        assertEquals(List.of("a0@0", "a0@1", "a0@2", "b0@0", "b0@1", "a1@0"), order);
        assertThrows(UnsupportedOperationException.class, () -> rs.records(new TopicPartition("a", 0)).clear());
        assertThrows(IllegalArgumentException.class, () -> rs.records((String) null));
    }

    @Test
    void emptyIsEmpty() {
        ConsumerRecords<String, String> rs = ConsumerRecords.empty();
        assertTrue(rs.isEmpty());
        assertEquals(0, rs.count());
        assertFalse(rs.iterator().hasNext());
        Map<TopicPartition, List<ConsumerRecord<String, String>>> onlyEmpty = Map.of(new TopicPartition("x", 0), List.of());
        assertTrue(new ConsumerRecords<>(onlyEmpty).isEmpty());
    }

    @Test
    void offsetAndMetadataRules() {
        assertThrows(IllegalArgumentException.class, () -> new OffsetAndMetadata(-1));
        OffsetAndMetadata m = new OffsetAndMetadata(5, null);
        assertEquals("", m.metadata());
        assertEquals(Optional.empty(), m.leaderEpoch());
        assertEquals(Optional.empty(), new OffsetAndMetadata(5, Optional.of(-1), "").leaderEpoch());
        assertEquals(Optional.of(3), new OffsetAndMetadata(5, Optional.of(3), "").leaderEpoch());
        assertEquals(new OffsetAndMetadata(5, Optional.of(-1), ""), new OffsetAndMetadata(5));
        assertFalse(new OffsetAndMetadata(5, "x").equals(new OffsetAndMetadata(5, "y")));
        assertThrows(IllegalArgumentException.class, () -> new OffsetAndTimestamp(1, -2));
    }

    @Test
    void recordRejectsNullTopicAndHeaders() {
        assertThrows(IllegalArgumentException.class, () -> new ConsumerRecord<>(null, 0, 0, "k", "v"));
        ConsumerRecord<String, String> r = new ConsumerRecord<>("t", 1, 2, "k", "v");
        assertEquals(ConsumerRecord.NO_TIMESTAMP, r.timestamp());
        assertEquals(ConsumerRecord.NULL_SIZE, r.serializedKeySize());
        assertTrue(r.toString().contains("offset = 2"));
    }
}
