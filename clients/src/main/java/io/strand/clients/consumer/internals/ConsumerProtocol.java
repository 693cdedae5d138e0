package io.strand.clients.consumer.internals;

import static io.strand.common.protocol.types.Field.array;
import static io.strand.common.protocol.types.Field.bytes;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.clients.consumer.ConsumerPartitionAssignor.Assignment;
import io.strand.clients.consumer.ConsumerPartitionAssignor.Subscription;
import io.strand.common.TopicPartition;
import io.strand.common.protocol.types.DecodeFailure;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.SchemaException;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "consumer" protocol type of classic groups: what a member puts in JoinGroup's protocol
 * metadata (its subscription) and what the leader puts in SyncGroup for each member (its
 * assignment). Both are an int16 version followed by a struct of that version; neither is ever
 * flexible. A reader that meets a newer version reads it as the newest it knows, since versions
 * only ever append fields.
 */
public final class ConsumerProtocol {

    public static final String PROTOCOL_TYPE = "consumer";

    public static final short SUBSCRIPTION_HIGHEST_VERSION = 3;
    public static final short ASSIGNMENT_HIGHEST_VERSION = 3;

    private ConsumerProtocol() {
    }

    /** ConsumerProtocolSubscription v0-3. */
    static final class SubscriptionSchema {
        private SubscriptionSchema() {
        }

        static final Field<String> OWNED_TOPIC = string("topic");
        static final Field<List<Integer>> OWNED_PARTITIONS_OF_TOPIC = array("partitions", Types.INT32);
        static final StructSchema TOPIC_PARTITION = StructSchema.of("TopicPartition", OWNED_TOPIC, OWNED_PARTITIONS_OF_TOPIC);

        static final Field<List<String>> TOPICS = array("topics", Types.STRING);
        static final Field<byte[]> USER_DATA = bytes("user_data").nullable().defaultsTo(null);
        static final Field<List<Struct>> OWNED_PARTITIONS =
            structs("owned_partitions", TOPIC_PARTITION).versions(1).ignorable();
        static final Field<Integer> GENERATION_ID = int32("generation_id").versions(2).defaultsTo(-1).ignorable();
        static final Field<String> RACK_ID = string("rack_id").versions(3).nullable().defaultsTo(null).ignorable();

        static final StructSchema SCHEMA = StructSchema.of("ConsumerProtocolSubscription",
            TOPICS, USER_DATA, OWNED_PARTITIONS, GENERATION_ID, RACK_ID);
    }

    /** ConsumerProtocolAssignment v0-3 (the versions differ only in what they promise about user data). */
    static final class AssignmentSchema {
        private AssignmentSchema() {
        }

        static final Field<String> TOPIC = string("topic");
        static final Field<List<Integer>> PARTITIONS = array("partitions", Types.INT32);
        static final StructSchema TOPIC_PARTITION = StructSchema.of("TopicPartition", TOPIC, PARTITIONS);

        static final Field<List<Struct>> ASSIGNED_PARTITIONS = structs("assigned_partitions", TOPIC_PARTITION);
        static final Field<byte[]> USER_DATA = bytes("user_data").nullable().defaultsTo(null);

        static final StructSchema SCHEMA = StructSchema.of("ConsumerProtocolAssignment", ASSIGNED_PARTITIONS, USER_DATA);
    }

    // ---- subscription ---------------------------------------------------------------------------

    public static ByteBuffer serializeSubscription(Subscription subscription) {
        return serializeSubscription(subscription, SUBSCRIPTION_HIGHEST_VERSION);
    }

    public static ByteBuffer serializeSubscription(Subscription subscription, short version) {
        checkWriteVersion(version, SUBSCRIPTION_HIGHEST_VERSION, "subscription");
        Struct s = SubscriptionSchema.SCHEMA.newStruct();
        s.set(SubscriptionSchema.TOPICS, new ArrayList<>(subscription.topics()));
        s.set(SubscriptionSchema.USER_DATA, toBytes(subscription.userData()));
        // Sorted, as Apache's members send them, so that equal subscriptions are equal bytes.
        List<TopicPartition> owned = new ArrayList<>(subscription.ownedPartitions());
        owned.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        s.set(SubscriptionSchema.OWNED_PARTITIONS, groupByTopic(owned,
            SubscriptionSchema.TOPIC_PARTITION, SubscriptionSchema.OWNED_TOPIC, SubscriptionSchema.OWNED_PARTITIONS_OF_TOPIC));
        s.set(SubscriptionSchema.GENERATION_ID, subscription.generationId().orElse(Subscription.DEFAULT_GENERATION));
        s.set(SubscriptionSchema.RACK_ID, subscription.rackId().orElse(null));
        return write(SubscriptionSchema.SCHEMA, s, version);
    }

    /** @throws SchemaException if the bytes are not a subscription */
    public static Subscription deserializeSubscription(ByteBuffer buffer) {
        ByteBuf in = Unpooled.wrappedBuffer(buffer.duplicate());
        short version = readVersion(in, SUBSCRIPTION_HIGHEST_VERSION, "subscription");
        Struct s = read(SubscriptionSchema.SCHEMA, in, version, "subscription");
        List<TopicPartition> owned = flatten(s.get(SubscriptionSchema.OWNED_PARTITIONS),
            SubscriptionSchema.OWNED_TOPIC, SubscriptionSchema.OWNED_PARTITIONS_OF_TOPIC);
        byte[] userData = s.get(SubscriptionSchema.USER_DATA);
        return new Subscription(s.get(SubscriptionSchema.TOPICS), userData == null ? null : ByteBuffer.wrap(userData),
            owned, s.getInt(SubscriptionSchema.GENERATION_ID), Optional.ofNullable(s.get(SubscriptionSchema.RACK_ID)));
    }

    // ---- assignment ---------------------------------------------------------------------------

    public static ByteBuffer serializeAssignment(Assignment assignment) {
        return serializeAssignment(assignment, ASSIGNMENT_HIGHEST_VERSION);
    }

    public static ByteBuffer serializeAssignment(Assignment assignment, short version) {
        checkWriteVersion(version, ASSIGNMENT_HIGHEST_VERSION, "assignment");
        Struct s = AssignmentSchema.SCHEMA.newStruct();
        s.set(AssignmentSchema.ASSIGNED_PARTITIONS, groupByTopic(assignment.partitions(),
            AssignmentSchema.TOPIC_PARTITION, AssignmentSchema.TOPIC, AssignmentSchema.PARTITIONS));
        s.set(AssignmentSchema.USER_DATA, toBytes(assignment.userData()));
        return write(AssignmentSchema.SCHEMA, s, version);
    }

    /** @throws SchemaException if the bytes are not an assignment */
    public static Assignment deserializeAssignment(ByteBuffer buffer) {
        ByteBuf in = Unpooled.wrappedBuffer(buffer.duplicate());
        short version = readVersion(in, ASSIGNMENT_HIGHEST_VERSION, "assignment");
        Struct s = read(AssignmentSchema.SCHEMA, in, version, "assignment");
        byte[] userData = s.get(AssignmentSchema.USER_DATA);
        return new Assignment(flatten(s.get(AssignmentSchema.ASSIGNED_PARTITIONS), AssignmentSchema.TOPIC,
            AssignmentSchema.PARTITIONS), userData == null ? null : ByteBuffer.wrap(userData));
    }

    // ---- shared -------------------------------------------------------------------------------

    /**
     * Partitions grouped by topic, topics in order of first appearance, partitions in list order
     * (the layout of Apache's assignments, so that the bytes match).
     */
    static List<Struct> groupByTopic(Collection<TopicPartition> partitions, StructSchema schema,
                                     Field<String> topicField, Field<List<Integer>> partitionsField) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        List<Struct> out = new ArrayList<>(byTopic.size());
        for (Map.Entry<String, List<Integer>> e : byTopic.entrySet()) {
            out.add(schema.newStruct().set(topicField, e.getKey()).set(partitionsField, e.getValue()));
        }
        return out;
    }

    static List<TopicPartition> flatten(List<Struct> topics, Field<String> topicField, Field<List<Integer>> partitionsField) {
        List<TopicPartition> out = new ArrayList<>();
        for (Struct t : topics) {
            String topic = t.get(topicField);
            for (int p : t.get(partitionsField)) {
                out.add(new TopicPartition(topic, p));
            }
        }
        return out;
    }

    static byte[] toBytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }

    private static ByteBuffer write(StructSchema schema, Struct s, short version) {
        int size = 2 + schema.sizeOf(s, version, false);
        ByteBuf out = Unpooled.buffer(size, size);
        out.writeShort(version);
        schema.write(out, s, version, false);
        return ByteBuffer.wrap(out.array(), out.arrayOffset(), size);
    }

    private static short readVersion(ByteBuf in, short highest, String what) {
        if (in.readableBytes() < 2) {
            throw new SchemaException("Consumer protocol " + what + " of " + in.readableBytes()
                + " bytes is too short to hold its version");
        }
        short version = in.readShort();
        if (version < 0) {
            throw new SchemaException("Unsupported consumer protocol " + what + " version: " + version);
        }
        return (short) Math.min(version, highest);
    }

    private static Struct read(StructSchema schema, ByteBuf in, short version, String what) {
        try {
            return schema.read(in, version, false);
        } catch (DecodeFailure | IndexOutOfBoundsException e) {
            String path = e instanceof DecodeFailure ? " at " + ((DecodeFailure) e).path() : "";
            throw new SchemaException("Malformed consumer protocol " + what + " v" + version + path + ": " + e.getMessage());
        }
    }

    private static void checkWriteVersion(short version, short highest, String what) {
        if (version < 0 || version > highest) {
            throw new SchemaException("Consumer protocol " + what + " version " + version + " is not one of 0-" + highest);
        }
    }
}
