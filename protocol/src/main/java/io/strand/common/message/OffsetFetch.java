package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
import static io.strand.common.protocol.types.Field.bool;
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
import io.strand.common.protocol.types.Types;
import java.util.List;

/** OffsetFetch (key 9): reads a group's committed offsets; from v8 one request asks for several groups. */
public final class OffsetFetch {
    private OffsetFetch() {
    }

    public static final class Request {
        private Request() {
        }

        /** A topic in the single-group form, up to v7. */
        public static final class Topic {
            private Topic() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<List<Integer>> PARTITION_INDEXES = array("partition_indexes", Types.INT32);

            public static final StructSchema SCHEMA = StructSchema.of("OffsetFetchRequestTopic",
                NAME, PARTITION_INDEXES);
        }

        /** A topic of one group in the batched form, from v8. */
        public static final class Topics {
            private Topics() {
            }

            // v10 (topic ids) is not yet stable in Apache, so it lies beyond Strand's range for now.
            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(10).ignorable();
            public static final Field<String> NAME = string("name").versions(8, 9).ignorable();
            public static final Field<List<Integer>> PARTITION_INDEXES = array("partition_indexes", Types.INT32);

            public static final StructSchema SCHEMA = StructSchema.of("OffsetFetchRequestTopics",
                TOPIC_ID, NAME, PARTITION_INDEXES);
        }

        public static final class Group {
            private Group() {
            }

            public static final Field<String> GROUP_ID = string("group_id");
            public static final Field<String> MEMBER_ID =
                string("member_id").versions(9).nullable().defaultsTo(null).ignorable();
            public static final Field<Integer> MEMBER_EPOCH =
                int32("member_epoch").versions(9).defaultsTo(-1).ignorable();
            // Null asks for every partition the group has offsets for.
            public static final Field<List<Struct>> TOPICS = structs("topics", Topics.SCHEMA).nullable();

            public static final StructSchema SCHEMA = StructSchema.of("OffsetFetchRequestGroup",
                GROUP_ID, MEMBER_ID, MEMBER_EPOCH, TOPICS);
        }

        public static final Field<List<Struct>> GROUPS = structs("groups", Group.SCHEMA).versions(8);
        public static final Field<String> GROUP_ID = string("group_id").versions(1, 7);
        public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA).versions(1, 7).nullable(2);
        public static final Field<Boolean> REQUIRE_STABLE = bool("require_stable").versions(7);

        public static final StructSchema SCHEMA = StructSchema.of("OffsetFetchRequest",
            GROUPS, GROUP_ID, TOPICS, REQUIRE_STABLE);
    }

    public static final class Response {
        private Response() {
        }

        /** A partition in the single-group form, up to v7. */
        public static final class Partition {
            private Partition() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Long> COMMITTED_OFFSET = int64("committed_offset");
            public static final Field<Integer> COMMITTED_LEADER_EPOCH =
                int32("committed_leader_epoch").versions(5).defaultsTo(-1).ignorable();
            public static final Field<String> METADATA = string("metadata").nullable();
            public static final Field<Short> ERROR_CODE = int16("error_code");

            public static final StructSchema SCHEMA = StructSchema.of("OffsetFetchResponsePartition",
                PARTITION_INDEX, COMMITTED_OFFSET, COMMITTED_LEADER_EPOCH, METADATA, ERROR_CODE);
        }

        public static final class Topic {
            private Topic() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", Partition.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("OffsetFetchResponseTopic", NAME, PARTITIONS);
        }

        /** A partition of one group in the batched form, from v8. */
        public static final class Partitions {
            private Partitions() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Long> COMMITTED_OFFSET = int64("committed_offset");
            public static final Field<Integer> COMMITTED_LEADER_EPOCH = int32("committed_leader_epoch").defaultsTo(-1);
            public static final Field<String> METADATA = string("metadata").nullable();
            public static final Field<Short> ERROR_CODE = int16("error_code");

            public static final StructSchema SCHEMA = StructSchema.of("OffsetFetchResponsePartitions",
                PARTITION_INDEX, COMMITTED_OFFSET, COMMITTED_LEADER_EPOCH, METADATA, ERROR_CODE);
        }

        public static final class Topics {
            private Topics() {
            }

            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(10).ignorable();
            public static final Field<String> NAME = string("name").versions(8, 9).ignorable();
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", Partitions.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("OffsetFetchResponseTopics",
                TOPIC_ID, NAME, PARTITIONS);
        }

        public static final class Group {
            private Group() {
            }

            public static final Field<String> GROUP_ID = string("group_id");
            public static final Field<List<Struct>> TOPICS = structs("topics", Topics.SCHEMA);
            public static final Field<Short> ERROR_CODE = int16("error_code");

            public static final StructSchema SCHEMA = StructSchema.of("OffsetFetchResponseGroup",
                GROUP_ID, TOPICS, ERROR_CODE);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").versions(3).ignorable();
        public static final Field<List<Struct>> GROUPS = structs("groups", Group.SCHEMA).versions(8);
        public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA).versions(1, 7);
        public static final Field<Short> ERROR_CODE = int16("error_code").versions(2, 7).ignorable();

        public static final StructSchema SCHEMA = StructSchema.of("OffsetFetchResponse",
            THROTTLE_TIME_MS, GROUPS, TOPICS, ERROR_CODE);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.OFFSET_FETCH, Request.SCHEMA, Response.SCHEMA);
}
