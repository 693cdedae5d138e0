package io.strand.common.message;

import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import java.util.List;

/** OffsetDelete (key 47): drops a group's committed offsets for partitions it no longer consumes. */
public final class OffsetDelete {
    private OffsetDelete() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class Partition {
            private Partition() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");

            public static final StructSchema SCHEMA = StructSchema.of("OffsetDeleteRequestPartition", PARTITION_INDEX);
        }

        public static final class Topic {
            private Topic() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", Partition.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("OffsetDeleteRequestTopic", NAME, PARTITIONS);
        }

        public static final Field<String> GROUP_ID = string("group_id");
        public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("OffsetDeleteRequest", GROUP_ID, TOPICS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class Partition {
            private Partition() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Short> ERROR_CODE = int16("error_code");

            public static final StructSchema SCHEMA = StructSchema.of("OffsetDeleteResponsePartition",
                PARTITION_INDEX, ERROR_CODE);
        }

        public static final class Topic {
            private Topic() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", Partition.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("OffsetDeleteResponseTopic", NAME, PARTITIONS);
        }

        public static final Field<Short> ERROR_CODE = int16("error_code");
        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms");
        public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("OffsetDeleteResponse",
            ERROR_CODE, THROTTLE_TIME_MS, TOPICS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.OFFSET_DELETE, Request.SCHEMA, Response.SCHEMA);
}
