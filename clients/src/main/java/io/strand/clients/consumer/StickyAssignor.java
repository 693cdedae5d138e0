package io.strand.clients.consumer;

import static io.strand.common.protocol.types.Field.array;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.clients.consumer.internals.AbstractStickyAssignor;
import io.strand.common.TopicPartition;
import io.strand.common.protocol.types.DecodeFailure;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A balanced assignment that keeps as many partitions as possible with their previous owner,
 * with the eager protocol: every member gives up all partitions before rejoining, so each sends
 * what it had in its user data (previous assignment and generation), the same bytes Apache's
 * sticky assignor sends, so that both work in one group. Protocol name "sticky".
 */
public class StickyAssignor extends AbstractStickyAssignor {

    private static final Logger log = LoggerFactory.getLogger(StickyAssignor.class);

    public static final String STICKY_ASSIGNOR_NAME = "sticky";

    /** StickyAssignorUserData: v0 previous_assignment; v1 adds generation. No version prefix on the wire. */
    static final class UserData {
        private UserData() {
        }

        static final Field<String> TOPIC = string("topic");
        static final Field<List<Integer>> PARTITIONS = array("partitions", Types.INT32);
        static final StructSchema TOPIC_ASSIGNMENT = StructSchema.of("TopicAssignment", TOPIC, PARTITIONS);

        static final Field<List<Struct>> PREVIOUS_ASSIGNMENT = structs("previous_assignment", TOPIC_ASSIGNMENT);
        static final Field<Integer> GENERATION = int32("generation").versions(1).defaultsTo(DEFAULT_GENERATION);
        static final StructSchema SCHEMA = StructSchema.of("StickyAssignorUserData", PREVIOUS_ASSIGNMENT, GENERATION);
    }

    private List<TopicPartition> memberAssignment = null;
    private int generation = DEFAULT_GENERATION;

    @Override
    public String name() {
        return STICKY_ASSIGNOR_NAME;
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        memberAssignment = assignment.partitions();
        generation = metadata.generationId();
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        if (memberAssignment == null) {
            return null;
        }
        return serializeUserData(memberAssignment, generation);
    }

    @Override
    protected MemberData memberData(Subscription subscription) {
        // Eager members revoke everything before joining, so ownedPartitions is empty; the user
        // data says what they had.
        ByteBuffer userData = subscription.userData();
        if (userData == null || !userData.hasRemaining()) {
            return new MemberData(Collections.emptyList(), Optional.empty());
        }
        return deserializeUserData(userData);
    }

    static ByteBuffer serializeUserData(List<TopicPartition> partitions, int generation) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        List<Struct> topics = new ArrayList<>();
        byTopic.forEach((t, ps) -> topics.add(UserData.TOPIC_ASSIGNMENT.newStruct()
            .set(UserData.TOPIC, t).set(UserData.PARTITIONS, ps)));
        Struct s = UserData.SCHEMA.newStruct().set(UserData.PREVIOUS_ASSIGNMENT, topics).set(UserData.GENERATION, generation);
        int size = UserData.SCHEMA.sizeOf(s, (short) 1, false);
        ByteBuf out = Unpooled.buffer(size, size);
        UserData.SCHEMA.write(out, s, (short) 1, false);
        return ByteBuffer.wrap(out.array(), out.arrayOffset(), size);
    }

    /** Reads v1, or v0 if the bytes end after the assignment; unreadable data counts as owning nothing. */
    static MemberData deserializeUserData(ByteBuffer buffer) {
        for (short version = 1; version >= 0; version--) {
            ByteBuf in = Unpooled.wrappedBuffer(buffer.duplicate());
            try {
                Struct s = UserData.SCHEMA.read(in, version, false);
                List<TopicPartition> partitions = new ArrayList<>();
                for (Struct t : s.get(UserData.PREVIOUS_ASSIGNMENT)) {
                    for (int p : t.get(UserData.PARTITIONS)) {
                        partitions.add(new TopicPartition(t.get(UserData.TOPIC), p));
                    }
                }
                return new MemberData(partitions, version >= 1 ? Optional.of(s.getInt(UserData.GENERATION)) : Optional.empty());
            } catch (DecodeFailure | IndexOutOfBoundsException e) {
                log.debug("Sticky user data is not v{}: {}", version, e.getMessage());
            }
        }
        log.warn("Ignoring unreadable sticky assignor user data of {} bytes", buffer.remaining());
        return new MemberData(Collections.emptyList(), Optional.empty());
    }
}
