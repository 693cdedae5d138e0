package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
import static io.strand.common.protocol.types.Field.bool;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int8;
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

/** CreateTopics (key 19): creates topics with a partition count or an explicit assignment, and configs. */
public final class CreateTopics {
    private CreateTopics() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class Assignment {
            private Assignment() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<List<Integer>> BROKER_IDS = array("broker_ids", Types.INT32);

            public static final StructSchema SCHEMA = StructSchema.of("CreatableReplicaAssignment",
                PARTITION_INDEX, BROKER_IDS);
        }

        public static final class Config {
            private Config() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<String> VALUE = string("value").nullable();

            public static final StructSchema SCHEMA = StructSchema.of("CreatableTopicConfig", NAME, VALUE);
        }

        public static final class Topic {
            private Topic() {
            }

            public static final Field<String> NAME = string("name");
            // -1 in both means "use an explicit assignment or the broker default".
            public static final Field<Integer> NUM_PARTITIONS = int32("num_partitions");
            public static final Field<Short> REPLICATION_FACTOR = int16("replication_factor");
            public static final Field<List<Struct>> ASSIGNMENTS = structs("assignments", Assignment.SCHEMA);
            public static final Field<List<Struct>> CONFIGS = structs("configs", Config.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("CreatableTopic",
                NAME, NUM_PARTITIONS, REPLICATION_FACTOR, ASSIGNMENTS, CONFIGS);
        }

        public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA);
        public static final Field<Integer> TIMEOUT_MS = int32("timeout_ms").defaultsTo(60000);
        public static final Field<Boolean> VALIDATE_ONLY = bool("validate_only");

        public static final StructSchema SCHEMA = StructSchema.of("CreateTopicsRequest",
            TOPICS, TIMEOUT_MS, VALIDATE_ONLY);
    }

    public static final class Response {
        private Response() {
        }

        public static final class Config {
            private Config() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<String> VALUE = string("value").nullable();
            public static final Field<Boolean> READ_ONLY = bool("read_only");
            public static final Field<Byte> CONFIG_SOURCE = int8("config_source").defaultsTo((byte) -1);
            public static final Field<Boolean> IS_SENSITIVE = bool("is_sensitive");

            public static final StructSchema SCHEMA = StructSchema.of("CreatableTopicConfigs",
                NAME, VALUE, READ_ONLY, CONFIG_SOURCE, IS_SENSITIVE);
        }

        public static final class TopicResult {
            private TopicResult() {
            }

            // The v5+ and v7 extras describe the created topic; older clients simply do not get them.
            public static final Field<String> NAME = string("name");
            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(7).ignorable();
            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<String> ERROR_MESSAGE = string("error_message").nullable();
            public static final Field<Integer> NUM_PARTITIONS =
                int32("num_partitions").versions(5).defaultsTo(-1).ignorable();
            public static final Field<Short> REPLICATION_FACTOR =
                int16("replication_factor").versions(5).defaultsTo((short) -1).ignorable();
            public static final Field<List<Struct>> CONFIGS =
                structs("configs", Config.SCHEMA).versions(5).nullable().ignorable();
            public static final Field<Short> TOPIC_CONFIG_ERROR_CODE =
                int16("topic_config_error_code").versions(5).tagged(0).ignorable();

            public static final StructSchema SCHEMA = StructSchema.of("CreatableTopicResult",
                NAME, TOPIC_ID, ERROR_CODE, ERROR_MESSAGE, NUM_PARTITIONS, REPLICATION_FACTOR, CONFIGS,
                TOPIC_CONFIG_ERROR_CODE);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").ignorable();
        public static final Field<List<Struct>> TOPICS = structs("topics", TopicResult.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("CreateTopicsResponse", THROTTLE_TIME_MS, TOPICS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.CREATE_TOPICS, Request.SCHEMA, Response.SCHEMA);
}
