package io.strand.broker.internals.log;

import io.strand.common.TopicPartition;
import io.strand.common.errors.InvalidTopicException;
import io.strand.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.strand.broker.internals.log.TestBatches.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LogManagerTest {

    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("a-b", 0);

    @Test
    void createsFindsAndDeletesLogsInMemory() {
        try (LogManager manager = LogManager.inMemory()) {
            assertNull(manager.get(A0));
            PartitionLog a0 = manager.getOrCreate(A0);
            assertSame(a0, manager.getOrCreate(A0));
            assertSame(a0, manager.get(A0));
            manager.getOrCreate(B0).append(batch(2, "b"), 0, -1);
            manager.getOrCreate(A1);
            a0.append(batch(1, "a"), 0, -1);
            assertEquals(List.of(A0, A1, B0), List.copyOf(manager.all().keySet()));

            manager.delete("a");
            assertEquals(List.of(B0), List.copyOf(manager.all().keySet()));
            assertThrows(UnknownTopicOrPartitionException.class, () -> a0.read(0, 100, true));
            assertEquals(2, manager.get(B0).logEndOffset(), "a topic whose name extends another's is untouched");
            assertEquals(0, manager.getOrCreate(A0).logEndOffset(), "a re-created topic starts empty");
        }
    }

    @Test
    void rejectsNamesThatAreNotTopics() {
        try (LogManager manager = LogManager.inMemory()) {
            assertThrows(InvalidTopicException.class, () -> manager.getOrCreate(new TopicPartition("../etc", 0)));
            assertThrows(InvalidTopicException.class, () -> manager.getOrCreate(new TopicPartition("..", 0)));
            assertThrows(InvalidTopicException.class, () -> manager.getOrCreate(new TopicPartition("", 0)));
            assertThrows(IllegalArgumentException.class, () -> manager.getOrCreate(new TopicPartition("ok", -1)));
        }
    }

    @Test
    void aTopicOnADeletedTopicsMemoryReadsOnlyItsOwnRecords() {
        try (LogManager manager = LogManager.inMemory()) {
            manager.getOrCreate(A0).append(batch(50, "old"), 0, -1);
            manager.delete("a");
            PartitionLog b0 = manager.getOrCreate(B0);
            b0.append(batch(2, "new"), 0, -1);

            List<RecordBatch> batches = TestBatches.apacheBatches(b0.read(0, Integer.MAX_VALUE, false));
            assertEquals(1, batches.size(), "nothing of the deleted topic's bytes after the new batch");
            List<String> values = new ArrayList<>();
            for (Record r : batches.get(0)) {
                values.add(StandardCharsets.UTF_8.decode(r.value()).toString());
            }
            assertEquals(List.of("vnew-0", "vnew-1"), values);
        }
    }
}
