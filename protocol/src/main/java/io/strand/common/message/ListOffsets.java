package io.strand.common.message;

import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int64;
import static io.strand.common.protocol.types.Field.int8;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import java.util.List;

/** ListOffsets (key 2): finds the offset of a partition at a timestamp, or its earliest / latest offset. */
public final class ListOffsets {
    private ListOffsets() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class ListOffsetsPartition {
            private ListOffsetsPartition() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Integer> CURRENT_LEADER_EPOCH =
                int32("current_leader_epoch").versions(4).defaultsTo(-1).ignorable();
            // A timestamp in ms, or a negative sentinel: -1 latest, -2 earliest, and so on.
            public static final Field<Long> TIMESTAMP = int64("timestamp");

            public static final StructSchema SCHEMA = StructSchema.of("ListOffsetsPartition",
                PARTITION_INDEX, CURRENT_LEADER_EPOCH, TIMESTAMP);
        }

        public static final class ListOffsetsTopic {
            private ListOffsetsTopic() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", ListOffsetsPartition.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("ListOffsetsTopic", NAME, PARTITIONS);
        }

        public static final Field<Integer> REPLICA_ID = int32("replica_id");
        public static final Field<Byte> ISOLATION_LEVEL = int8("isolation_level").versions(2);
        public static final Field<List<Struct>> TOPICS = structs("topics", ListOffsetsTopic.SCHEMA);
        public static final Field<Integer> TIMEOUT_MS = int32("timeout_ms").versions(10).ignorable();

        public static final StructSchema SCHEMA = StructSchema.of("ListOffsetsRequest",
            REPLICA_ID, ISOLATION_LEVEL, TOPICS, TIMEOUT_MS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class ListOffsetsPartitionResponse {
            private ListOffsetsPartitionResponse() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<Long> TIMESTAMP = int64("timestamp").defaultsTo(-1L);
            public static final Field<Long> OFFSET = int64("offset").defaultsTo(-1L);
            public static final Field<Integer> LEADER_EPOCH = int32("leader_epoch").versions(4).defaultsTo(-1);

            public static final StructSchema SCHEMA = StructSchema.of("ListOffsetsPartitionResponse",
                PARTITION_INDEX, ERROR_CODE, TIMESTAMP, OFFSET, LEADER_EPOCH);
        }

        public static final class ListOffsetsTopicResponse {
            private ListOffsetsTopicResponse() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<List<Struct>> PARTITIONS =
                structs("partitions", ListOffsetsPartitionResponse.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("ListOffsetsTopicResponse", NAME, PARTITIONS);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").versions(2).ignorable();
        public static final Field<List<Struct>> TOPICS = structs("topics", ListOffsetsTopicResponse.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("ListOffsetsResponse", THROTTLE_TIME_MS, TOPICS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.LIST_OFFSETS, Request.SCHEMA, Response.SCHEMA);
}
