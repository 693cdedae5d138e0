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

/** DeleteRecords (key 21): moves the log start offset of partitions forward, dropping the records before it. */
public final class DeleteRecords {
    private DeleteRecords() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class DeleteRecordsPartition {
            private DeleteRecordsPartition() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            // -1 means the high watermark.
            public static final Field<Long> OFFSET = int64("offset");

            public static final StructSchema SCHEMA = StructSchema.of("DeleteRecordsPartition",
                PARTITION_INDEX, OFFSET);
        }

        public static final class DeleteRecordsTopic {
            private DeleteRecordsTopic() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", DeleteRecordsPartition.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("DeleteRecordsTopic", NAME, PARTITIONS);
        }

        public static final Field<List<Struct>> TOPICS = structs("topics", DeleteRecordsTopic.SCHEMA);
        public static final Field<Integer> TIMEOUT_MS = int32("timeout_ms");

        public static final StructSchema SCHEMA = StructSchema.of("DeleteRecordsRequest", TOPICS, TIMEOUT_MS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class DeleteRecordsPartitionResult {
            private DeleteRecordsPartitionResult() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Long> LOW_WATERMARK = int64("low_watermark");
            public static final Field<Short> ERROR_CODE = int16("error_code");

            public static final StructSchema SCHEMA = StructSchema.of("DeleteRecordsPartitionResult",
                PARTITION_INDEX, LOW_WATERMARK, ERROR_CODE);
        }

        public static final class DeleteRecordsTopicResult {
            private DeleteRecordsTopicResult() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<List<Struct>> PARTITIONS =
                structs("partitions", DeleteRecordsPartitionResult.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("DeleteRecordsTopicResult", NAME, PARTITIONS);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").ignorable();
        public static final Field<List<Struct>> TOPICS = structs("topics", DeleteRecordsTopicResult.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("DeleteRecordsResponse", THROTTLE_TIME_MS, TOPICS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.DELETE_RECORDS, Request.SCHEMA, Response.SCHEMA);
}
