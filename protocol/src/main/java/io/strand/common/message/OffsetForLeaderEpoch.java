package io.strand.common.message;

import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int64;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import java.util.List;

/** OffsetForLeaderEpoch (key 23): the end offset of a leader epoch, so a replica or consumer can detect truncation. */
public final class OffsetForLeaderEpoch {
    private OffsetForLeaderEpoch() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class OffsetForLeaderPartition {
            private OffsetForLeaderPartition() {
            }

            public static final Field<Integer> PARTITION = int32("partition");
            public static final Field<Integer> CURRENT_LEADER_EPOCH = int32("current_leader_epoch").defaultsTo(-1);
            public static final Field<Integer> LEADER_EPOCH = int32("leader_epoch");

            public static final StructSchema SCHEMA = StructSchema.of("OffsetForLeaderPartition",
                PARTITION, CURRENT_LEADER_EPOCH, LEADER_EPOCH);
        }

        public static final class OffsetForLeaderTopic {
            private OffsetForLeaderTopic() {
            }

            public static final Field<String> TOPIC = string("topic");
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", OffsetForLeaderPartition.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("OffsetForLeaderTopic", TOPIC, PARTITIONS);
        }

        // -2 marks a consumer, so the broker can tell it apart from a follower (replica id >= 0).
        public static final Field<Integer> REPLICA_ID = int32("replica_id").versions(3).defaultsTo(-2).ignorable();
        public static final Field<List<Struct>> TOPICS = structs("topics", OffsetForLeaderTopic.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("OffsetForLeaderEpochRequest", REPLICA_ID, TOPICS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class EpochEndOffset {
            private EpochEndOffset() {
            }

            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<Integer> PARTITION = int32("partition");
            public static final Field<Integer> LEADER_EPOCH = int32("leader_epoch").defaultsTo(-1);
            public static final Field<Long> END_OFFSET = int64("end_offset").defaultsTo(-1L);

            public static final StructSchema SCHEMA = StructSchema.of("EpochEndOffset",
                ERROR_CODE, PARTITION, LEADER_EPOCH, END_OFFSET);
        }

        public static final class OffsetForLeaderTopicResult {
            private OffsetForLeaderTopicResult() {
            }

            public static final Field<String> TOPIC = string("topic");
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", EpochEndOffset.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("OffsetForLeaderTopicResult", TOPIC, PARTITIONS);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").ignorable();
        public static final Field<List<Struct>> TOPICS = structs("topics", OffsetForLeaderTopicResult.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("OffsetForLeaderEpochResponse",
            THROTTLE_TIME_MS, TOPICS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.OFFSET_FOR_LEADER_EPOCH, Request.SCHEMA, Response.SCHEMA);
}
