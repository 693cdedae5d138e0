package io.strand.common.message;

import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int64;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;
import static io.strand.common.protocol.types.Field.uuid;

import io.strand.common.Uuid;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import java.util.List;

/** OffsetCommit (key 8): a consumer group member stores its consumed positions with the group coordinator. */
public final class OffsetCommit {
    private OffsetCommit() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class Partition {
            private Partition() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Long> COMMITTED_OFFSET = int64("committed_offset");
            public static final Field<Integer> COMMITTED_LEADER_EPOCH =
                int32("committed_leader_epoch").versions(6).defaultsTo(-1).ignorable();
            public static final Field<String> COMMITTED_METADATA = string("committed_metadata").nullable();

            public static final StructSchema SCHEMA = StructSchema.of("OffsetCommitRequestPartition",
                PARTITION_INDEX, COMMITTED_OFFSET, COMMITTED_LEADER_EPOCH, COMMITTED_METADATA);
        }

        public static final class Topic {
            private Topic() {
            }

            // v10 (topic ids) is not yet stable in Apache, so it lies beyond Strand's range for now.
            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(10).ignorable();
            public static final Field<String> NAME = string("name").versions(2, 9).ignorable();
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", Partition.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("OffsetCommitRequestTopic",
                TOPIC_ID, NAME, PARTITIONS);
        }

        public static final Field<String> GROUP_ID = string("group_id");
        // Carries the classic protocol's generation id, or the new protocol's member epoch.
        public static final Field<Integer> GENERATION_ID_OR_MEMBER_EPOCH =
            int32("generation_id_or_member_epoch").defaultsTo(-1);
        public static final Field<String> MEMBER_ID = string("member_id");
        public static final Field<String> GROUP_INSTANCE_ID =
            string("group_instance_id").versions(7).nullable().defaultsTo(null);
        public static final Field<Long> RETENTION_TIME_MS =
            int64("retention_time_ms").versions(2, 4).defaultsTo(-1L).ignorable();
        public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("OffsetCommitRequest",
            GROUP_ID, GENERATION_ID_OR_MEMBER_EPOCH, MEMBER_ID, GROUP_INSTANCE_ID, RETENTION_TIME_MS, TOPICS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class Partition {
            private Partition() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Short> ERROR_CODE = int16("error_code");

            public static final StructSchema SCHEMA = StructSchema.of("OffsetCommitResponsePartition",
                PARTITION_INDEX, ERROR_CODE);
        }

        public static final class Topic {
            private Topic() {
            }

            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(10).ignorable();
            public static final Field<String> NAME = string("name").versions(2, 9).ignorable();
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", Partition.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("OffsetCommitResponseTopic",
                TOPIC_ID, NAME, PARTITIONS);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").versions(3).ignorable();
        public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("OffsetCommitResponse", THROTTLE_TIME_MS, TOPICS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.OFFSET_COMMIT, Request.SCHEMA, Response.SCHEMA);
}
