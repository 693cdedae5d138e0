package io.strand.clients.consumer.internals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.consumer.ConsumerPartitionAssignor.Assignment;
import io.strand.clients.consumer.ConsumerPartitionAssignor.Subscription;
import io.strand.common.TopicPartition;
import io.strand.common.protocol.types.SchemaException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Byte-for-byte against Apache's ConsumerProtocol, every version, both directions. */
class ConsumerProtocolTest {

    private static final Random RANDOM = new Random(42);

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static List<TopicPartition> randomPartitions() {
        List<TopicPartition> out = new ArrayList<>();
        int n = RANDOM.nextInt(6);
        for (int i = 0; i < n; i++) {
            // repeats of a topic, not adjacent, to exercise the grouping order
            out.add(new TopicPartition("topic-" + RANDOM.nextInt(3), RANDOM.nextInt(10)));
        }
        return out;
    }

    private static ByteBuffer randomUserData() {
        if (RANDOM.nextBoolean()) {
            return null;
        }
        byte[] b = new byte[RANDOM.nextInt(20)];
        RANDOM.nextBytes(b);
        return ByteBuffer.wrap(b);
    }

    private static org.apache.kafka.common.TopicPartition apache(TopicPartition tp) {
        return new org.apache.kafka.common.TopicPartition(tp.topic(), tp.partition());
    }

    private static List<TopicPartition> strand(List<org.apache.kafka.common.TopicPartition> tps) {
        return tps.stream().map(tp -> new TopicPartition(tp.topic(), tp.partition())).collect(Collectors.toList());
    }

    @Test
    void subscriptionBytesEqualApacheInEveryVersion() {
        for (int i = 0; i < 200; i++) {
            List<String> topics = List.of("a", "b-" + i, "ünïcode");
            ByteBuffer userData = randomUserData();
            List<TopicPartition> owned = randomPartitions();
            int generation = RANDOM.nextBoolean() ? -1 : RANDOM.nextInt(1000);
            Optional<String> rack = RANDOM.nextBoolean() ? Optional.empty() : Optional.of("rack-" + i);
            Subscription ours = new Subscription(topics, userData, owned, generation, rack);
            var theirs = new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(topics,
                userData == null ? null : userData.duplicate(),
                owned.stream().map(ConsumerProtocolTest::apache).collect(Collectors.toList()), generation, rack);
            for (short v = 0; v <= 3; v++) {
                byte[] expected = bytes(org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeSubscription(theirs, v));
                byte[] actual = bytes(ConsumerProtocol.serializeSubscription(ours, v));
                assertArrayEquals(expected, actual, "subscription v" + v + " " + ours);

                Subscription back = ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(expected));
                assertEquals(topics, back.topics());
                assertEquals(userData, back.userData());
                assertEquals(v >= 1 ? sorted(owned) : List.of(), back.ownedPartitions());
                assertEquals(v >= 2 && generation >= 0 ? Optional.of(generation) : Optional.empty(), back.generationId());
                assertEquals(v >= 3 ? rack : Optional.empty(), back.rackId());

                var apacheBack = org.apache.kafka.clients.consumer.internals.ConsumerProtocol
                    .deserializeSubscription(ByteBuffer.wrap(actual));
                assertEquals(back.ownedPartitions(), strand(apacheBack.ownedPartitions()));
            }
        }
    }

    private static List<TopicPartition> sorted(List<TopicPartition> partitions) {
        return partitions.stream().sorted(java.util.Comparator.comparing(TopicPartition::topic)
            .thenComparingInt(TopicPartition::partition)).collect(Collectors.toList());
    }

    /** Assigned partitions come back grouped by topic, topics in order of first appearance. */
    private static List<TopicPartition> grouped(List<TopicPartition> partitions) {
        List<TopicPartition> out = new ArrayList<>();
        partitions.stream().map(TopicPartition::topic).distinct()
            .forEach(t -> partitions.stream().filter(tp -> tp.topic().equals(t)).forEach(out::add));
        return out;
    }

    @Test
    void assignmentBytesEqualApacheInEveryVersion() {
        for (int i = 0; i < 200; i++) {
            List<TopicPartition> partitions = randomPartitions();
            ByteBuffer userData = randomUserData();
            Assignment ours = new Assignment(partitions, userData);
            var theirs = new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment(
                partitions.stream().map(ConsumerProtocolTest::apache).collect(Collectors.toList()),
                userData == null ? null : userData.duplicate());
            for (short v = 0; v <= 3; v++) {
                byte[] expected = bytes(org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeAssignment(theirs, v));
                assertArrayEquals(expected, bytes(ConsumerProtocol.serializeAssignment(ours, v)), "assignment v" + v);
                Assignment back = ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(expected));
                assertEquals(grouped(partitions), back.partitions());
                assertEquals(userData, back.userData());
            }
        }
    }

    @Test
    void newerVersionIsReadAsTheNewestKnown() {
        Subscription s = new Subscription(List.of("t"), null, List.of(new TopicPartition("t", 1)), 7, Optional.of("r"));
        byte[] v3 = bytes(ConsumerProtocol.serializeSubscription(s, (short) 3));
        // A hypothetical v4 that appends a field: version 4, the v3 body, then more bytes.
        ByteBuffer v4 = ByteBuffer.allocate(v3.length + 4);
        v4.putShort((short) 4).put(v3, 2, v3.length - 2).putInt(12345).flip();
        Subscription back = ConsumerProtocol.deserializeSubscription(v4);
        assertEquals(List.of(new TopicPartition("t", 1)), back.ownedPartitions());
        assertEquals(Optional.of(7), back.generationId());
        assertEquals(Optional.of("r"), back.rackId());
    }

    @Test
    void malformedInputIsASchemaExceptionNamingTheField() {
        assertThrows(SchemaException.class, () -> ConsumerProtocol.deserializeSubscription(ByteBuffer.allocate(1)));
        ByteBuffer negative = ByteBuffer.allocate(2).putShort((short) -1).flip();
        SchemaException e = assertThrows(SchemaException.class, () -> ConsumerProtocol.deserializeAssignment(negative));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        // version 0, topics array of 5 elements but no bytes after it
        ByteBuffer truncated = ByteBuffer.allocate(6).putShort((short) 0).putInt(5).flip();
        e = assertThrows(SchemaException.class, () -> ConsumerProtocol.deserializeSubscription(truncated));
        assertTrue(e.getMessage().contains("topics"), e.getMessage());
        assertThrows(SchemaException.class, () -> ConsumerProtocol.serializeAssignment(new Assignment(List.of()), (short) 9));
    }

    @Test
    void nullAndEmptyUserDataStayDistinct() {
        Assignment withEmpty = new Assignment(List.of(), ByteBuffer.wrap("".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, ConsumerProtocol.deserializeAssignment(ConsumerProtocol.serializeAssignment(withEmpty))
            .userData().remaining());
        assertNull(ConsumerProtocol.deserializeAssignment(ConsumerProtocol.serializeAssignment(new Assignment(List.of())))
            .userData());
    }
}
