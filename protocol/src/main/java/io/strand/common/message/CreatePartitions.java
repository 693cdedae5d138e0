package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
import static io.strand.common.protocol.types.Field.bool;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import java.util.List;

/** CreatePartitions (key 37): raises the partition count of existing topics, optionally placing the new ones. */
public final class CreatePartitions {
    private CreatePartitions() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class Assignment {
            private Assignment() {
            }

            public static final Field<List<Integer>> BROKER_IDS = array("broker_ids", Types.INT32);

            public static final StructSchema SCHEMA = StructSchema.of("CreatePartitionsAssignment", BROKER_IDS);
        }

        public static final class Topic {
            private Topic() {
            }

            public static final Field<String> NAME = string("name");
            // The new total, not the number to add.
            public static final Field<Integer> COUNT = int32("count");
            // Null lets the broker place the new partitions.
            public static final Field<List<Struct>> ASSIGNMENTS =
                structs("assignments", Assignment.SCHEMA).nullable();

            public static final StructSchema SCHEMA = StructSchema.of("CreatePartitionsTopic",
                NAME, COUNT, ASSIGNMENTS);
        }

        public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA);
        public static final Field<Integer> TIMEOUT_MS = int32("timeout_ms");
        public static final Field<Boolean> VALIDATE_ONLY = bool("validate_only");

        public static final StructSchema SCHEMA = StructSchema.of("CreatePartitionsRequest",
            TOPICS, TIMEOUT_MS, VALIDATE_ONLY);
    }

    public static final class Response {
        private Response() {
        }

        public static final class TopicResult {
            private TopicResult() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<String> ERROR_MESSAGE = string("error_message").nullable().defaultsTo(null);

            public static final StructSchema SCHEMA = StructSchema.of("CreatePartitionsTopicResult",
                NAME, ERROR_CODE, ERROR_MESSAGE);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").ignorable();
        public static final Field<List<Struct>> RESULTS = structs("results", TopicResult.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("CreatePartitionsResponse",
            THROTTLE_TIME_MS, RESULTS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.CREATE_PARTITIONS, Request.SCHEMA, Response.SCHEMA);
}
